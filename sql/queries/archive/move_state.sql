-- archive: moves one entry's state forward (the trigger refuses anything but the allowed transitions).
-- @id, @from_state, @to_state. Returns the number of rows moved (0: the entry was no longer in @from_state).
update archive_entry
set state = @to_state
where id = @id
  and state = @from_state
