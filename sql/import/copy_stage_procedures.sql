copy stage_procedures (code, name, field_code, field_name, level, online_service, time_limit, time_unit, has_fee, paper_result) from stdin (format binary)
