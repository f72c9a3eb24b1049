# The identity of the Dataflow workers and of the Flex Template launcher VM. It may run Dataflow
# work, write logs and metrics, read the data and the template, write results and temp files, and
# pull the images: nothing else.
resource "google_service_account" "worker" {
  account_id   = "${var.name_prefix}-worker"
  display_name = "ReSTE Dataflow worker"

  depends_on = [google_project_service.apis]
}

resource "google_project_iam_member" "worker" {
  for_each = toset([
    "roles/dataflow.worker",
    "roles/logging.logWriter",
    "roles/monitoring.metricWriter",
  ])

  project = var.project_id
  role    = each.value
  member  = "serviceAccount:${google_service_account.worker.email}"
}

# Reads only: training never writes to the data bucket.
resource "google_storage_bucket_iam_member" "worker_reads_data" {
  bucket = google_storage_bucket.data.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.worker.email}"
}

# Run records, checkpoints (rewritten every epoch) and tables; staging and temp files.
resource "google_storage_bucket_iam_member" "worker_writes" {
  for_each = {
    results = google_storage_bucket.results.name
    temp    = google_storage_bucket.temp.name
  }

  bucket = each.value
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.worker.email}"
}

resource "google_artifact_registry_repository_iam_member" "worker_pulls_images" {
  location   = google_artifact_registry_repository.images.location
  repository = google_artifact_registry_repository.images.name
  role       = "roles/artifactregistry.reader"
  member     = "serviceAccount:${google_service_account.worker.email}"
}

# The identity Cloud Scheduler calls the Dataflow API with: it may launch jobs that run as the
# worker account and read the template spec.
resource "google_service_account" "scheduler" {
  account_id   = "${var.name_prefix}-scheduler"
  display_name = "ReSTE nightly launcher (Cloud Scheduler)"

  depends_on = [google_project_service.apis]
}

resource "google_project_iam_member" "scheduler_launches_jobs" {
  project = var.project_id
  role    = "roles/dataflow.developer"
  member  = "serviceAccount:${google_service_account.scheduler.email}"
}

resource "google_service_account_iam_member" "scheduler_acts_as_worker" {
  service_account_id = google_service_account.worker.name
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:${google_service_account.scheduler.email}"
}

resource "google_storage_bucket_iam_member" "scheduler_reads_template" {
  bucket = google_storage_bucket.data.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.scheduler.email}"
}
