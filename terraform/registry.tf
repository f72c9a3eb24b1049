# Docker images: worker (infra/Dockerfile) and launcher (infra/Dockerfile.launcher).
resource "google_artifact_registry_repository" "images" {
  location      = var.region
  repository_id = var.name_prefix
  description   = "ReSTE reproduction: Dataflow worker and Flex Template launcher images"
  format        = "DOCKER"

  depends_on = [google_project_service.apis]
}
