# Storage and compute for the orders service.
terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type = string
}

variable "db_password" {
  type    = string
  default = "changeme123"
}

locals {
  name_prefix = "orders-${var.environment}"
  common_tags = merge(var.extra_tags, {
    Service     = "orders"
    Environment = var.environment
  })
}

resource "aws_s3_bucket" "artifacts" {
  bucket = "${local.name_prefix}-artifacts"
  acl    = "public-read"
  tags   = local.common_tags
}

resource "aws_s3_bucket" "logs" {
  bucket = "${local.name_prefix}-logs"
  acl    = "private"
  tags   = local.common_tags
}

resource "aws_s3_bucket_acl" "downloads" {
  bucket = aws_s3_bucket.artifacts.id
  acl    = "public-read-write"
}

# TODO: restrict the ingress to the load balancer
resource "aws_security_group" "app" {
  name   = "${local.name_prefix}-app"
  vpc_id = var.vpc_id

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [var.office_cidr, "0.0.0.0/0"]
  }

  ingress {
    description = "internal only, was 0.0.0.0/0 before the review"
    from_port   = 8080
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/8"]
  }
}

resource "aws_instance" "worker" {
  count         = 3
  ami           = lookup(var.amis, var.region)
  instance_type = "t3.micro"
  subnet_id     = lookup(var.subnets, var.region, "subnet-default")
  tags          = merge(local.common_tags, { Name = "worker-${count.index}" })
}
