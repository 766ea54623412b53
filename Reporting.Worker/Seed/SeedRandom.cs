namespace Reporting.Worker.Seed;

/// <summary>
/// xoshiro256** seeded through SplitMix64: a small, fully specified generator, so the same seed yields the same
/// province on every .NET version (System.Random's algorithm is not a contract).
/// </summary>
public sealed class SeedRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public SeedRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>A stable 64-bit mix of a number: fixed per-index attributes (procedure traits, names).</summary>
    public static ulong Mix(ulong value)
    {
        var x = value;
        return SplitMix(ref x);
    }

    /// <summary>A stable value in [0, 1) for (a, b): the same on every run, independent of any seed.</summary>
    public static double Stable(ulong a, ulong b = 0) => (Mix(a * 0x9E3779B97F4A7C15UL ^ Mix(b + 0x632BE59BD9B4E019UL)) >> 11) * (1.0 / (1UL << 53));

    public ulong NextULong()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n).</summary>
    public int Next(int n) => (int)((NextULong() >> 33) * (ulong)n >> 31);

    /// <summary>Uniform in [min, max].</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>1 + a geometric count with mean about 1/p.</summary>
    public int Geometric(double p, int cap)
    {
        var n = 1;
        while (n < cap && !Chance(p))
        {
            n++;
        }

        return n;
    }

    /// <summary>Index into a cumulative weight table (ascending, last = total).</summary>
    public int Pick(double[] cumulative)
    {
        var u = NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, u);
        i = i < 0 ? ~i : i + 1;
        return Math.Min(i, cumulative.Length - 1);
    }

    public static double[] Cumulative(IReadOnlyList<double> weights)
    {
        var c = new double[weights.Count];
        var sum = 0.0;
        for (var i = 0; i < c.Length; i++)
        {
            sum += weights[i];
            c[i] = sum;
        }

        return c;
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
