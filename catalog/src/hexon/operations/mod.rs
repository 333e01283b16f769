//! Cluster & Operations: Module Data Storage, Notification Service, Distributed Sessions, SMTP
//! Email Delivery, Distributed Memory Storage, Telemetry & Logging, AI Assistant, Kubernetes CRD
//! Configuration (Git Configuration Management, Hot Reload, Persistent File Storage, Admin Unix
//! Socket, Threshold Signing & Cluster Cryptography and Configuration System emit no metrics).

pub mod ai_assistant;
pub mod distributed_memory_storage;
pub mod distributed_sessions;
pub mod kubernetes_crd_configuration;
pub mod module_data_storage;
pub mod notification_service;
pub mod smtp_email_delivery;
pub mod telemetry_logging;
