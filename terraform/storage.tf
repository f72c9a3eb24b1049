# Data: CIFAR-10 / ImageNet (raw or shards) and the Flex Template spec. Versioned: a re-upload
# never silently replaces what earlier runs read.
resource "google_storage_bucket" "data" {
  name                        = "${local.bucket_prefix}-data"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = var.force_destroy

  versioning {
    enabled = true
  }

  depends_on = [google_project_service.apis]
}

# Results: runs/, checkpoints/ and tables/ of every profile. Versioned, with the newest older
# versions kept, so a rewritten table or record can be compared with what it said before.
resource "google_storage_bucket" "results" {
  name                        = "${local.bucket_prefix}-results"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = var.force_destroy

  versioning {
    enabled = true
  }

  lifecycle_rule {
    condition {
      num_newer_versions = var.results_noncurrent_versions
      with_state         = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [google_project_service.apis]
}

# Temp: Dataflow's staging and temp files; nothing here outlives temp_retention_days.
resource "google_storage_bucket" "temp" {
  name                        = "${local.bucket_prefix}-temp"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = true

  lifecycle_rule {
    condition {
      age = var.temp_retention_days
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [google_project_service.apis]
}
