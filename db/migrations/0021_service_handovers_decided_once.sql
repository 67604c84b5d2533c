-- A handover is an offer decided once (docs/service-desk.md): pending, then accepted, declined or
-- withdrawn, with when. Who offered it to whom, on which request, when and with what note is never
-- rewritten, and a handover is never deleted: the request's history of who held it stays true.
CREATE TRIGGER service_handovers_decided_once BEFORE UPDATE ON service_handovers
WHEN OLD.status <> 'pending'
  OR NEW.status = 'pending'
  OR NEW.decided_at IS NULL
  OR NEW.id IS NOT OLD.id
  OR NEW.request_id IS NOT OLD.request_id
  OR NEW.from_user_id IS NOT OLD.from_user_id
  OR NEW.to_user_id IS NOT OLD.to_user_id
  OR NEW.note IS NOT OLD.note
  OR NEW.offered_at IS NOT OLD.offered_at
BEGIN
  SELECT RAISE(ABORT, 'a service handover is decided once, and only its decision is written');
END;
--> statement-breakpoint
CREATE TRIGGER service_handovers_no_delete BEFORE DELETE ON service_handovers
BEGIN
  SELECT RAISE(ABORT, 'service_handovers are kept');
END;
