# The orders database and its outputs.
resource "aws_db_instance" "orders" {
  identifier          = "orders-db"
  engine              = "postgres"
  engine_version      = "15.4"
  instance_class      = "db.t3.medium"
  username            = "orders"
  password            = "hunter2"
  skip_final_snapshot = true
  publicly_accessible = false
  tags                = local.common_tags

  lifecycle {
    prevent_destroy = true
  }
}

# TODO: encrypt the replica's storage
resource "aws_db_instance" "replica" {
  identifier          = "orders-db-replica"
  replicate_source_db = aws_db_instance.orders.identifier
  instance_class      = lookup(var.db_classes, var.environment)
  password            = var.db_password
  skip_final_snapshot = true
  publicly_accessible = true
  tags                = merge(local.common_tags, { Role = "replica" })
}

module "alarms" {
  source      = "git::https://example.com/terraform/alarms.git"
  environment = var.environment
  database_id = aws_db_instance.orders.id
}

module "network" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.1.2"
  name    = local.name_prefix
}

# TODO: pin the module version
module "dns" {
  source    = "terraform-aws-modules/route53/aws//modules/records"
  zone_name = "example.com"
}

output "database_endpoint" {
  value = aws_db_instance.orders.endpoint
}

output "database_password" {
  # TODO: read it from the secrets manager instead
  value     = aws_db_instance.orders.password
  sensitive = true
}
