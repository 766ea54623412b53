using Reporting.Worker.Calendar;

namespace Reporting.Worker.Seed;

/// <summary>One dossier: procedure, units, channel, due date, supplement, outcome and apology, cut at "now".</summary>
public sealed partial class DossierGenerator
{
    private static long At(DateOnly day, int minuteOfDay) => day.DayNumber * TimeSpan.TicksPerDay + minuteOfDay * TicksPerMinute - Utc7;

    private static DateOnly LocalDay(long utc) => DateOnly.FromDayNumber((int)((utc + Utc7) / TimeSpan.TicksPerDay));

    private void Next(DateOnly day, int sequence, ref DossierRow row, List<EventRow> events)
    {
        var rng = _rng;
        var ordinal = Generated;
        var working = _calendar.IsWorkingDay(day);
        var afterReform = day >= ProvinceShape.Reform;
        var year = day.Year;

        var p = rng.Pick(_procedureCum);
        for (var tries = 0; !working && _procedures[p].OnlineService == "none" && tries < 8; tries++)
        {
            p = rng.Pick(_procedureCum);
        }

        var proc = _procedures[p];
        var field = _fieldIndex[p];
        short channel = !working ? (short)2
            : proc.OnlineService != "none" && rng.Chance(_onlineProbability[year]) ? (short)2
            : rng.Chance(0.04) ? (short)3 : (short)1;

        // Who decides (valid on the received date) and who received it.
        int deciding, receiving;
        switch (proc.Level)
        {
            case "province":
                deciding = afterReform ? _deptAfter[field] : _deptBefore[field];
                receiving = rng.Chance(afterReform ? 0.7 : 0.45) ? (afterReform ? _centreAfter : _centreBefore) : deciding;
                break;
            case "district" when !afterReform:
                deciding = _districts[rng.Pick(_districtCum)];
                receiving = deciding;
                break;
            case "district":
                if (proc.DistrictToCommune)
                {
                    deciding = _communesAfter[rng.Pick(_communeAfterCum)];
                    receiving = rng.Chance(0.05) ? _centreAfter : deciding;
                }
                else
                {
                    deciding = _deptAfter[field];
                    receiving = rng.Chance(0.7) ? _centreAfter : deciding;
                }

                break;
            default:
                if (afterReform)
                {
                    deciding = _communesAfter[rng.Pick(_communeAfterCum)];
                    receiving = rng.Chance(0.04) ? _centreAfter : deciding;
                }
                else
                {
                    var c = rng.Pick(_communeBeforeCum);
                    deciding = _communesBefore[c];
                    receiving = rng.Chance(0.04) ? _communeDistrictBefore[c] : deciding;
                }

                break;
        }

        var minute = channel == 2 ? rng.Between(360, 1379) : rng.Between(450, 1019);
        // Today's dossiers arrive before the clock: a warehouse never holds a dossier received in the future.
        var received = Math.Min(At(day, minute), _now - TicksPerMinute);
        var start = working && minute < 1020 ? day : day.AddDays(1);
        var limit = (int)Math.Ceiling(proc.TimeLimit);
        var dueDay = proc.TimeUnit switch
        {
            "working_day" => _calendar.AddWorkingDays(start, limit),
            "day" => _calendar.AddWorkingDays(day.AddDays(limit), 0),
            "month" => _calendar.AddWorkingDays(day.AddMonths(limit), 0),
            _ => _calendar.AddWorkingDays(start, 1),
        };

        var lateness = proc.Field.Lateness * Math.Clamp(1.25 - 0.12 * (year - 2022), 0.6, 1.3);
        var u = rng.NextDouble();
        byte ending = u < 0.035 ? DossierStates.Withdrawn : u < 0.043 ? DossierStates.Stopped : u < 0.055 ? DossierStates.Refused : DossierStates.Resolved;

        long supplementAt = 0, supplementDone = 0;
        if (ending != DossierStates.Refused && rng.Chance(0.07 + proc.Field.Lateness * 0.4))
        {
            var requested = _calendar.AddWorkingDays(start, rng.Between(1, 3));
            var completed = requested.AddDays(rng.Between(1, 15));
            supplementAt = At(requested, rng.Between(480, 1000));
            if (rng.Chance(0.05) && ending == DossierStates.Resolved)
            {
                ending = DossierStates.Withdrawn;   // the citizen never came back
            }
            else
            {
                supplementDone = At(completed, rng.Between(480, 1000));
                dueDay = _calendar.AddWorkingDays(dueDay, _calendar.WorkingDaysBetween(requested, completed));
            }
        }

        var limitDays = Math.Max(1, _calendar.WorkingDaysBetween(start, dueDay));
        var late = rng.Chance(lateness);
        DateOnly finishDay;
        if (rng.Chance(0.003))
        {
            finishDay = DateOnly.MaxValue;   // stalled: open and overdue at every cut-off
        }
        else if (late)
        {
            finishDay = _calendar.AddWorkingDays(dueDay, rng.Geometric(0.2, 45));
        }
        else
        {
            finishDay = rng.Chance(0.78) ? _calendar.AddWorkingDays(start, rng.Next(limitDays)) : dueDay;
            if (finishDay > dueDay)
            {
                finishDay = dueDay;
            }
        }

        var due = At(dueDay, 1020);
        long apologyAt = 0, apologyDue = 0;
        if (late && finishDay != DateOnly.MaxValue && ending == DossierStates.Resolved && rng.Chance(0.45))
        {
            apologyAt = Math.Max(At(dueDay.AddDays(-1), rng.Between(840, 1000)), received + 60 * TicksPerMinute);
            var newDueDay = rng.Chance(0.8) ? _calendar.AddWorkingDays(finishDay, rng.Next(3)) : finishDay.AddDays(-rng.Between(1, 5));
            if (newDueDay <= dueDay)
            {
                newDueDay = _calendar.AddWorkingDays(dueDay, 1);
            }

            apologyDue = At(newDueDay, 1020);
        }

        long finished = 0, returned = 0, ended = 0;
        if (ending == DossierStates.Resolved)
        {
            if (finishDay != DateOnly.MaxValue)
            {
                finished = At(finishDay, rng.Between(480, 1019));
                if (finished < received)
                {
                    finished = received + 30 * TicksPerMinute;
                }

                returned = channel == 2 && rng.Chance(0.6) ? finished : At(_calendar.AddWorkingDays(LocalDay(finished), rng.Next(3)), rng.Between(480, 1019));
                if (returned < finished)
                {
                    returned = finished;
                }
            }
        }
        else
        {
            var endDay = ending == DossierStates.Refused
                ? _calendar.AddWorkingDays(start, rng.Between(0, 2))
                : supplementAt != 0 && supplementDone == 0
                    ? LocalDay(supplementAt).AddDays(rng.Between(20, 60))
                    : _calendar.AddWorkingDays(start, rng.Next(limitDays + 1));
            ended = Math.Max(At(endDay, rng.Between(480, 1019)), received + 10 * TicksPerMinute);
        }

        // Cut at "now": what has not happened yet is not in the warehouse.
        var now = _now;
        var state = ending;
        if (ending == DossierStates.Resolved && (finished == 0 || finished > now))
        {
            state = DossierStates.InProgress;
            finished = returned = 0;
        }
        else if (ending != DossierStates.Resolved && ended > now)
        {
            state = DossierStates.InProgress;
            ended = 0;
        }

        if (returned > now)
        {
            returned = 0;
        }

        var updated = received;
        if (supplementAt != 0 && supplementAt <= now)
        {
            events.Add(new EventRow { Dossier = ordinal, Kind = EventKinds.SupplementRequested, At = supplementAt });
            updated = Math.Max(updated, supplementAt);
            if (supplementDone != 0 && supplementDone <= now)
            {
                events.Add(new EventRow { Dossier = ordinal, Kind = EventKinds.SupplementCompleted, At = supplementDone });
                updated = Math.Max(updated, supplementDone);
            }
        }

        if (apologyAt != 0 && apologyAt <= now)
        {
            events.Add(new EventRow { Dossier = ordinal, Kind = EventKinds.Apology, At = apologyAt, NewDue = apologyDue });
            due = apologyDue;
            updated = Math.Max(updated, apologyAt);
        }

        if (ended != 0)
        {
            var kind = state switch { DossierStates.Withdrawn => EventKinds.Withdrawn, DossierStates.Stopped => EventKinds.Stopped, _ => EventKinds.Refused };
            events.Add(new EventRow { Dossier = ordinal, Kind = kind, At = ended });
        }

        updated = Math.Max(updated, Math.Max(Math.Max(finished, returned), ended));

        var y = year - 2022;
        row.Code = $"H{day.Year % 100:D2}{day.Month:D2}{day.Day:D2}-{sequence:D6}";
        row.ProcedureId = _procedureIds[p];
        row.ReceivingId = receiving;
        row.DecidingId = deciding;
        row.Channel = channel;
        row.Received = received;
        row.Due = due;
        row.Finished = finished;
        row.Returned = returned;
        row.Ended = ended;
        row.State = state;
        row.HasFee = proc.HasFee;
        row.PaidOnline = proc.HasFee && channel == 2 && rng.Chance(Math.Min(0.9, 0.25 + 0.13 * y));
        row.ResultDigitised = state == DossierStates.Resolved && rng.Chance(Math.Min(0.92, 0.2 + 0.17 * y));
        row.ReusedDigitised = rng.Chance(Math.Min(0.6, 0.05 + 0.1 * y));
        row.Rating = state == DossierStates.Resolved && rng.Chance(0.3)
            ? (short)(finished > due ? rng.Between(1, 4) : rng.Chance(0.85) ? rng.Between(4, 5) : rng.Between(2, 3))
            : (short)0;
        row.Updated = updated;
    }
}
