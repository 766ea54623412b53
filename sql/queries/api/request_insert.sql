-- Ad hoc request: queue one. @id, @api_key_id, @requester_unit, @unit_code, @kind, @period_code, @date_from,
-- @date_to, @field_codes, @formats, @request_hash
insert into adhoc_request (id, api_key_id, requester_unit, unit_code, kind, period_code, date_from, date_to,
                           field_codes, formats, request_hash)
values (@id, @api_key_id, @requester_unit, @unit_code, @kind, @period_code, @date_from, @date_to,
        @field_codes, @formats, @request_hash)
returning created_at
