using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hangfire.Dashboard;

namespace Reporting.Worker.Jobs;

/// <summary>
/// Who sees the dashboard. An admin is a request carrying the configured <c>Serve:AdminKey</c> (header
/// <c>X-Admin-Key</c>, or HTTP basic auth with user "admin"); admins may act (retry, delete). Anyone else may
/// only look, and only when the server listens on loopback alone and the request comes from loopback. Bound to
/// anything else, the dashboard is for admins only; without an admin key configured, for nobody.
/// </summary>
public sealed class DashboardAccess(bool loopbackOnly, string? adminKey) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        if (IsAdmin(context))
        {
            return true;
        }

        var http = context.GetHttpContext();
        if (!loopbackOnly)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"Reporting\"";
            return false;
        }

        return http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);
    }

    public bool IsReadOnly(DashboardContext context) => !IsAdmin(context);

    private bool IsAdmin(DashboardContext context)
    {
        if (string.IsNullOrEmpty(adminKey))
        {
            return false;
        }

        var request = context.GetHttpContext().Request;
        var offered = request.Headers["X-Admin-Key"].ToString();
        var auth = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(offered) && auth.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(auth[6..].Trim()));
                offered = pair.StartsWith("admin:", StringComparison.Ordinal) ? pair[6..] : "";
            }
            catch (FormatException)
            {
                offered = "";
            }
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(offered), Encoding.UTF8.GetBytes(adminKey));
    }
}
