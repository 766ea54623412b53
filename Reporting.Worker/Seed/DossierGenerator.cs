using Reporting.Worker.Calendar;

namespace Reporting.Worker.Seed;

/// <summary>
/// Generates the dossiers of the synthetic province day by day, in received order, deterministically for a seed
/// (docs/DATA.md lists every distribution). Runs on its own thread and hands chunks to the COPY thread.
/// </summary>
public sealed partial class DossierGenerator
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
}
