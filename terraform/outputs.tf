output "data_bucket" {
  description = "gs:// location of the data bucket (datasets and the template spec)."
  value       = "gs://${google_storage_bucket.data.name}"
}

output "results_bucket" {
  description = "gs:// location of the results bucket (runs/, checkpoints/, tables/ per profile)."
  value       = "gs://${google_storage_bucket.results.name}"
}

output "temp_bucket" {
  description = "gs:// location of the temp bucket (Dataflow staging and temp files)."
  value       = "gs://${google_storage_bucket.temp.name}"
}

output "image_repository" {
  description = "Artifact Registry path the worker and launcher images are pushed to."
  value       = local.image_repo
}

output "template_path" {
  description = "Where infra/build-template.sh writes the Flex Template spec the nightly job launches."
  value       = local.template_path
}

output "worker_service_account" {
  description = "Email of the account Dataflow workers and the template launcher run as."
  value       = google_service_account.worker.email
}

output "scheduler_service_account" {
  description = "Email of the account Cloud Scheduler launches the nightly job with."
  value       = google_service_account.scheduler.email
}

output "nightly_job" {
  description = "Cloud Scheduler job that launches the nightly reproduction (run now: gcloud scheduler jobs run NAME --location REGION)."
  value       = google_cloud_scheduler_job.nightly.name
}

output "nightly_results" {
  description = "Where the nightly job writes its run records and tables."
  value       = local.nightly_out
}

output "shell_env" {
  description = "Environment for the infra/ scripts: eval \"$(terraform -chdir=terraform output -raw shell_env)\"."
  value       = <<-EOT
    export RESTE_PROJECT=${var.project_id}
    export RESTE_REGION=${var.region}
    export RESTE_IMAGE_REPO=${local.image_repo}
    export RESTE_TEMPLATE=${local.template_path}
    export RESTE_DATA=gs://${google_storage_bucket.data.name}
    export RESTE_RESULTS=gs://${google_storage_bucket.results.name}
    export RESTE_TEMP=gs://${google_storage_bucket.temp.name}
    export RESTE_WORKER_SA=${google_service_account.worker.email}
  EOT
}
