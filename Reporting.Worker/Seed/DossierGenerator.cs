using Reporting.Worker.Calendar;

namespace Reporting.Worker.Seed;

/// <summary>
/// Generates the dossiers of the synthetic province day by day, in received order, deterministically for a seed
/// (docs/DATA.md lists every distribution). Runs on its own thread and hands chunks to the COPY thread.
/// </summary>
public sealed class DossierGenerator
{
    private const long TicksPerMinute = TimeSpan.TicksPerMinute;
    private static readonly long Utc7 = TimeSpan.FromHours(7).Ticks;

    private static readonly Dictionary<int, DateOnly> Tet = new()
    {
        [2021] = new(2021, 2, 12), [2022] = new(2022, 2, 1), [2023] = new(2023, 1, 22), [2024] = new(2024, 2, 10),
        [2025] = new(2025, 1, 29), [2026] = new(2026, 2, 17), [2027] = new(2027, 2, 6), [2028] = new(2028, 1, 26),
        [2029] = new(2029, 2, 13), [2030] = new(2030, 2, 3),
    };

    private static readonly double[] MonthFactor = [1.0, 0.95, 1.05, 1.0, 1.0, 1.02, 1.0, 1.02, 1.0, 1.04, 1.1, 1.28];

    private readonly SeedRandom _rng;
    private readonly WorkingCalendar _calendar;
    private readonly IReadOnlyList<SeedProcedure> _procedures;
    private readonly int[] _procedureIds;
    private readonly double[] _procedureCum;
    private readonly int[] _fieldIndex;
    private readonly int[] _deptBefore, _deptAfter;
    private readonly int _centreBefore, _centreAfter;
    private readonly int[] _districts, _communesBefore, _communesAfter, _communeDistrictBefore;
    private readonly double[] _districtCum, _communeBeforeCum, _communeAfterCum;
    private readonly DateOnly _from;
    private readonly DateOnly _today;
    private readonly long _now;
    private readonly long _total;
    private readonly Dictionary<int, double> _onlineProbability = [];

    public DossierGenerator(ulong seed, long total, DateOnly from, DateTimeOffset now, WorkingCalendar calendar, ProvinceShape shape,
        ProcedureCatalogue catalogue, IReadOnlyDictionary<string, int> agencyIds, IReadOnlyDictionary<string, int> procedureIds)
    {
        _rng = new SeedRandom(seed);
        _calendar = calendar;
        _total = total;
        _from = from;
        _now = now.UtcTicks;
        _today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(7)).DateTime);
        _procedures = catalogue.Procedures;
        _procedureIds = [.. _procedures.Select(p => procedureIds[p.Code])];
        _procedureCum = SeedRandom.Cumulative([.. _procedures.Select(p => p.Weight)]);
        var fields = ProcedureCatalogue.Fields;
        _fieldIndex = [.. _procedures.Select(p => Array.IndexOf(fields, p.Field))];
        _deptBefore = [.. fields.Select(f => agencyIds[ProvinceShape.DepartmentFor(f, ProvinceShape.Reform.AddDays(-1))])];
        _deptAfter = [.. fields.Select(f => agencyIds[ProvinceShape.DepartmentFor(f, ProvinceShape.Reform)])];
        _centreBefore = agencyIds[ProvinceShape.OneStopCentre(ProvinceShape.Reform.AddDays(-1))];
        _centreAfter = agencyIds[ProvinceShape.OneStopCentre(ProvinceShape.Reform)];
        var districts = shape.Agencies.Where(a => a.Kind == "district").ToList();
        _districts = [.. districts.Select(a => agencyIds[a.Code])];
        _districtCum = SeedRandom.Cumulative([.. districts.Select(a => a.Weight)]);
        var before = shape.Agencies.Where(a => a.Kind == "commune" && a.ValidFrom < ProvinceShape.Reform).ToList();
        var after = shape.Agencies.Where(a => a.Kind == "commune" && a.ValidFrom >= ProvinceShape.Reform).ToList();
        _communesBefore = [.. before.Select(a => agencyIds[a.Code])];
        _communeDistrictBefore = [.. before.Select(a => agencyIds[a.ParentCode!])];
        _communeBeforeCum = SeedRandom.Cumulative([.. before.Select(a => a.Weight)]);
        _communesAfter = [.. after.Select(a => agencyIds[a.Code])];
        _communeAfterCum = SeedRandom.Cumulative([.. after.Select(a => a.Weight)]);
    }

    public long Generated { get; private set; }

    /// <summary>Target share of online dossiers in a year: 30% in 2022, +10 points a year, at most 75%.</summary>
    public static double OnlineTarget(int year) => Math.Clamp(0.30 + 0.10 * (year - 2022), 0.2, 0.75);

    public IEnumerable<DossierChunk> Generate(int chunkSize)
    {
        var days = _today.DayNumber - _from.DayNumber + 1;
        var weights = new double[days];
        for (var i = 0; i < days; i++)
        {
            weights[i] = DayWeight(_from.AddDays(i));
        }

        PrepareOnlineProbabilities(weights);
        var cum = SeedRandom.Cumulative(weights);
        var chunk = new DossierChunk(chunkSize);
        long allocated = 0;
        for (var i = 0; i < days; i++)
        {
            var upTo = (long)Math.Floor(_total * (cum[i] / cum[^1]));
            if (i == days - 1)
            {
                upTo = _total;
            }

            var count = upTo - allocated;
            allocated = upTo;
            var day = _from.AddDays(i);
            for (var k = 0; k < count; k++)
            {
                Next(day, k + 1, ref chunk.Rows[chunk.Count], chunk.Events);
                chunk.Count++;
                Generated++;
                if (chunk.Count == chunkSize)
                {
                    yield return chunk;
                    chunk = new DossierChunk(chunkSize);
                }
            }
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private double DayWeight(DateOnly d)
    {
        var w = Math.Pow(1.08, d.Year - 2022) * MonthFactor[d.Month - 1];
        foreach (var year in (ReadOnlySpan<int>)[d.Year, d.Year + 1])
        {
            if (Tet.TryGetValue(year, out var tet))
            {
                w *= (d.DayNumber - tet.DayNumber) switch
                {
                    >= -14 and < -2 => 1.18,   // the rush before Tết
                    >= -2 and <= 9 => 0.45,    // Tết itself and the slow days after
                    > 9 and <= 20 => 0.8,
                    _ => 1.0,
                };
            }
        }

        return _calendar.IsWorkingDay(d) ? w : w * 0.12;
    }

    private void PrepareOnlineProbabilities(double[] weights)
    {
        var eligible = 0.0;
        for (var p = 0; p < _procedures.Count; p++)
        {
            eligible += _procedures[p].OnlineService != "none" ? _procedures[p].Weight : 0;
        }

        eligible /= _procedureCum[^1];
        foreach (var year in Enumerable.Range(_from.Year, _today.Year - _from.Year + 1))
        {
            double all = 0, closed = 0;
            for (var i = 0; i < weights.Length; i++)
            {
                var d = _from.AddDays(i);
                if (d.Year == year)
                {
                    all += weights[i];
                    closed += _calendar.IsWorkingDay(d) ? 0 : weights[i];
                }
            }

            var weekend = all > 0 ? closed / all : 0;
            _onlineProbability[year] = Math.Clamp((OnlineTarget(year) - weekend) / ((1 - weekend) * eligible), 0, 0.98);
        }
    }

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
        var received = At(day, minute);
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
            apologyAt = At(dueDay.AddDays(-1), rng.Between(840, 1000));
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
