using System.Security.Cryptography;
using System.Text;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Api;

/// <summary>The four kinds of key holder. Names on the wire: department, home-affairs, archivist, admin.</summary>
public enum ApiRole
{
    /// <summary>A department or commune: its own unit and sub-units only.</summary>
    Department,

    /// <summary>Sở Nội vụ: every unit, and tracking.</summary>
    HomeAffairs,

    /// <summary>Reads the archive search only.</summary>
    Archivist,

    /// <summary>Everything.</summary>
    Admin,
}

/// <summary>Who is calling: the key's id and public prefix, its unit and role.</summary>
public sealed record ApiCaller(long KeyId, string Prefix, string UnitCode, ApiRole Role)
{
    /// <summary>Home affairs and admin see and request every unit.</summary>
    public bool SeesAllUnits => Role is ApiRole.HomeAffairs or ApiRole.Admin;

    /// <summary>Where <see cref="ApiKeyAuthentication"/> leaves the caller for the request.</summary>
    public const string Item = "reporting.api.caller";

    /// <summary>Minimal API binding: a handler parameter of this type is the authenticated caller.</summary>
    public static ValueTask<ApiCaller?> BindAsync(Microsoft.AspNetCore.Http.HttpContext context) =>
        ValueTask.FromResult(context.Items[Item] as ApiCaller);

    public static string RoleName(ApiRole role) => role switch
    {
        ApiRole.Department => "department",
        ApiRole.HomeAffairs => "home-affairs",
        ApiRole.Archivist => "archivist",
        _ => "admin",
    };

    public static ApiRole ParseRole(string role) => role switch
    {
        "department" => ApiRole.Department,
        "home-affairs" => ApiRole.HomeAffairs,
        "archivist" => ApiRole.Archivist,
        "admin" => ApiRole.Admin,
        _ => throw new ReportingException(ErrorCodes.KeyRoleInvalid,
            $"Vai trò '{role}' không hợp lệ; dùng department, home-affairs, archivist hoặc admin."),
    };
}

/// <summary>
/// An API key as handed out: <c>rk_&lt;prefix&gt;_&lt;secret&gt;</c>, the prefix 8 hex characters (public: shown in
/// lists and the audit log), the secret 32 random bytes in base64url. Only SHA-256 of the whole key is stored; a
/// fast hash is enough for 256 random bits.
/// </summary>
public static class ApiKeyToken
{
    private const string Scheme = "rk_";
    private const int PrefixLength = 8;

    public static (string Token, string Prefix) Generate()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PrefixLength / 2));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return ($"{Scheme}{prefix}_{secret}", prefix);
    }

    /// <summary>The prefix of a well-formed key, or null (then the key is unknown without a database look-up).</summary>
    public static string? PrefixOf(string token) =>
        token.Length == Scheme.Length + PrefixLength + 1 + 43
        && token.StartsWith(Scheme, StringComparison.Ordinal)
        && token[Scheme.Length + PrefixLength] == '_'
            ? token.Substring(Scheme.Length, PrefixLength)
            : null;

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
