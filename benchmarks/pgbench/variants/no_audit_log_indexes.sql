DROP INDEX bookmeatoz.audit_log_by_at, bookmeatoz.audit_log_by_entity, bookmeatoz.audit_log_by_actor;
