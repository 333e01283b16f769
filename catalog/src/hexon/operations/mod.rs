//! Cluster & Operations: Module Data Storage, Notification Service, Distributed Sessions, SMTP
//! Email Delivery, Distributed Memory Storage, Telemetry & Logging, AI Assistant, Kubernetes CRD
//! Configuration (Git Configuration Management, Hot Reload, Persistent File Storage, Admin Unix
//! Socket, Threshold Signing & Cluster Cryptography and Configuration System emit no metrics).

use metrics_core::AnyFamily;

pub mod ai_assistant;
pub mod distributed_memory_storage;
pub mod distributed_sessions;
pub mod kubernetes_crd_configuration;
pub mod module_data_storage;
pub mod notification_service;
pub mod smtp_email_delivery;
pub mod telemetry_logging;

/// Every metric struct of the group, in the document's order.
pub fn families() -> Vec<Box<dyn AnyFamily>> {
    vec![
        Box::new(module_data_storage::ModuleDataStorage::default()),
        Box::new(notification_service::NotificationService::default()),
        Box::new(distributed_sessions::DistributedSessions::default()),
        Box::new(smtp_email_delivery::SmtpEmailDelivery::default()),
        Box::new(distributed_memory_storage::DistributedMemoryStorage::default()),
        Box::new(telemetry_logging::TelemetryLogging::default()),
        Box::new(ai_assistant::AiAssistant::default()),
        Box::new(kubernetes_crd_configuration::KubernetesCrdConfiguration::default()),
    ]
}
