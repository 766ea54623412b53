copy stage_agencies (code, name, short_name, level, kind, symbol, province_name, email, valid_from, valid_to, parent_code) from stdin (format binary)
