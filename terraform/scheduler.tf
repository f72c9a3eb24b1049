locals {
  nightly_out = "gs://${google_storage_bucket.results.name}/${var.nightly_profile}"

  # Template parameters (infra/metadata.json); baseline only when the gate is on, gpuType only when
  # GPU workers are asked for.
  nightly_parameters = merge(
    {
      profile = var.nightly_profile
      tables  = var.nightly_tables
      data    = "gs://${google_storage_bucket.data.name}/${var.nightly_data_prefix}"
      out     = local.nightly_out
    },
    var.nightly_baseline == "" ? {} : { baseline = var.nightly_baseline },
    var.nightly_gpu_type == "" ? {} : {
      gpuType       = var.nightly_gpu_type
      gpusPerWorker = "1"
    },
  )
}

# Every night: POST a Flex Template launch to the Dataflow API, authenticated with an OAuth token
# of the scheduler account. The job name is fixed, so a night whose predecessor still runs fails
# to launch instead of training the same runs twice.
resource "google_cloud_scheduler_job" "nightly" {
  name        = "${var.name_prefix}-nightly"
  description = "Launches the ReSTE ${var.nightly_profile} reproduction on Dataflow"
  region      = var.region
  schedule    = var.nightly_schedule
  time_zone   = var.nightly_time_zone
  paused      = var.nightly_paused

  attempt_deadline = "320s"

  retry_config {
    retry_count = 1
  }

  http_target {
    http_method = "POST"
    uri         = "https://dataflow.googleapis.com/v1b3/projects/${var.project_id}/locations/${var.region}/flexTemplates:launch"
    headers = {
      "Content-Type" = "application/json"
    }
    body = base64encode(jsonencode({
      launchParameter = {
        jobName              = "${var.name_prefix}-${var.nightly_profile}"
        containerSpecGcsPath = local.template_path
        parameters           = local.nightly_parameters
        environment = {
          serviceAccountEmail = google_service_account.worker.email
          tempLocation        = "gs://${google_storage_bucket.temp.name}/temp"
          stagingLocation     = "gs://${google_storage_bucket.temp.name}/staging"
          maxWorkers          = var.nightly_max_workers
        }
      }
    }))

    oauth_token {
      service_account_email = google_service_account.scheduler.email
      scope                 = "https://www.googleapis.com/auth/cloud-platform"
    }
  }

  depends_on = [google_project_service.apis]
}
