-- The draft of an official version is archived: it waits for the people's signatures. @id
update report_version set state = 'awaiting_signature' where id = @id and state = 'issuing'
