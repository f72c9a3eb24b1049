variable "project_id" {
  description = "The Google Cloud project that holds everything (an existing project with billing enabled)."
  type        = string
}

variable "region" {
  description = "Region of the buckets, the image repository, the Dataflow jobs and the schedule; pick one that offers the GPU type (nvidia-l4: e.g. us-central1, europe-west4)."
  type        = string
  default     = "us-central1"
}

variable "name_prefix" {
  description = "Prefix of every resource name; bucket names add the project id to be globally unique."
  type        = string
  default     = "reste"
}

variable "temp_retention_days" {
  description = "Days after which objects in the temp bucket (Dataflow staging and temp files) are deleted."
  type        = number
  default     = 7
}

variable "results_noncurrent_versions" {
  description = "Older versions of each results object kept (run records and tables are overwritten in place; versioning keeps what they said before)."
  type        = number
  default     = 10
}

variable "force_destroy" {
  description = "Whether terraform destroy may delete buckets that still hold objects. Keep false unless the results are expendable."
  type        = bool
  default     = false
}

variable "nightly_schedule" {
  description = "Cron expression of the nightly launch, in nightly_time_zone."
  type        = string
  default     = "0 2 * * *"
}

variable "nightly_time_zone" {
  description = "Time zone of nightly_schedule (tz database name)."
  type        = string
  default     = "Etc/UTC"
}

variable "nightly_paused" {
  description = "Create the nightly job paused (true until the worker image and the template exist)."
  type        = bool
  default     = true
}

variable "nightly_profile" {
  description = "Profile the nightly job reproduces (configs/profiles/<name>.yaml)."
  type        = string
  default     = "nightly"
}

variable "nightly_tables" {
  description = "Tables the nightly job produces: nightly (the accuracy gate's matrix, configs/experiments/nightly.yaml), all, or a comma list of 1,2,3,equilibrium,nightly."
  type        = string
  default     = "nightly"
}

variable "nightly_baseline" {
  description = "Baseline the nightly job holds its runs to (a path inside the image, e.g. configs/baselines/nightly.yaml): a REGRESSED or MISSING row fails the Dataflow job. Empty: no gate, as for the first night, whose runs are then blessed (README, Nightly)."
  type        = string
  default     = ""
}

variable "nightly_data_prefix" {
  description = "Object prefix in the data bucket that holds CIFAR-10 (cifar-10-batches-bin or ./reste preprocess shards)."
  type        = string
  default     = "cifar10"
}

variable "nightly_gpu_type" {
  description = "Dataflow GPU type of each nightly worker; an empty string gives CPU workers."
  type        = string
  default     = "nvidia-l4"
}

variable "nightly_max_workers" {
  description = "Most workers the nightly job may use, so runs trained at once (one per GPU worker)."
  type        = number
  default     = 4
}

variable "template_object" {
  description = "Object in the data bucket where infra/build-template.sh writes the Flex Template spec the schedule launches."
  type        = string
  default     = "templates/reste.json"
}
