locals {
  apis = [
    "artifactregistry.googleapis.com",
    "cloudscheduler.googleapis.com",
    "compute.googleapis.com",
    "dataflow.googleapis.com",
    "iam.googleapis.com",
    "storage.googleapis.com",
  ]

  bucket_prefix = "${var.project_id}-${var.name_prefix}"
  template_path = "gs://${google_storage_bucket.data.name}/${var.template_object}"
  image_repo    = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}"
}

# The APIs the buckets, images, jobs and schedule need. Left enabled on destroy: other work in the
# project may use them too.
resource "google_project_service" "apis" {
  for_each = toset(local.apis)

  project            = var.project_id
  service            = each.value
  disable_on_destroy = false
}
