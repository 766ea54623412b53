using Dapper;
using Npgsql;
using Reporting.Worker.Database;

namespace Reporting.Worker.Calendar;

/// <summary>
/// The working-day calendar of calendar_day (holidays, compensatory days off, Saturdays worked) over a range of
/// years, with O(1) "n working days after" through a precomputed ordinal per day. Same semantics as the SQL
/// function add_working_days: start at the first working day on or after the start, then count n more.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly DateOnly _first;
    private readonly bool[] _working;
    private readonly int[] _ordinal;      // working days strictly before day i
    private readonly int[] _byOrdinal;    // day index of the k-th working day

    public WorkingCalendar(DateOnly first, DateOnly last, IReadOnlyDictionary<DateOnly, string> exceptions)
    {
        _first = first;
        var days = last.DayNumber - first.DayNumber + 1;
        _working = new bool[days];
        _ordinal = new int[days + 1];
        var list = new List<int>(days);
        for (var i = 0; i < days; i++)
        {
            var d = first.AddDays(i);
            _working[i] = exceptions.TryGetValue(d, out var kind)
                ? kind == "working_day"
                : d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            _ordinal[i + 1] = _ordinal[i] + (_working[i] ? 1 : 0);
            if (_working[i])
            {
                list.Add(i);
            }
        }

        _byOrdinal = [.. list];
    }

    public DateOnly First => _first;

    public DateOnly Last => _first.AddDays(_working.Length - 1);

    public static async Task<WorkingCalendar> LoadAsync(NpgsqlConnection connection, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(DateTime Day, string Kind)>(new CommandDefinition(
            SqlFiles.Get("queries/calendar_days"), new { first = first.ToDateTime(TimeOnly.MinValue), last = last.ToDateTime(TimeOnly.MinValue) },
            cancellationToken: cancellationToken));
        return new WorkingCalendar(first, last, rows.ToDictionary(r => DateOnly.FromDateTime(r.Day), r => r.Kind));
    }

    public bool IsWorkingDay(DateOnly day) => _working[Index(day)];

    /// <summary>n working days after <paramref name="start"/> (n = 0: the start, or the next working day).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int n)
    {
        var k = _ordinal[Index(start)] + n;   // ordinal of the first working day on/after start, plus n
        if (k >= _byOrdinal.Length)
        {
            // Past the loaded range: fall back to weekdays only.
            var d = Last;
            for (var left = k - _byOrdinal.Length + 1; left > 0;)
            {
                d = d.AddDays(1);
                if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    left--;
                }
            }

            return d;
        }

        return _first.AddDays(_byOrdinal[k]);
    }

    /// <summary>Working days in [from, to).</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to <= from)
        {
            return 0;
        }

        var end = Math.Min(to.DayNumber - _first.DayNumber, _working.Length);
        return _ordinal[end] - _ordinal[Index(from)];
    }

    private int Index(DateOnly day)
    {
        var i = day.DayNumber - _first.DayNumber;
        if (i < 0 || i >= _working.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, $"Ngoài lịch ngày làm việc đã nạp ({_first:yyyy-MM-dd}..{Last:yyyy-MM-dd}).");
        }

        return i;
    }
}
