-- Seed: when the role may (a superuser, as in the embedded cluster), skip per-row foreign-key triggers for the
-- rest of this transaction; the seeder then checks every reference once with check_seeded_references.
-- Returns whether triggers are skipped. No parameters.
select case
  when (select r.rolsuper from pg_roles r where r.rolname = current_user)
    then set_config('session_replication_role', 'replica', true) = 'replica'
  else false
end
