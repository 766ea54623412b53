using System.Net;
using System.Text;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Reporting.Tests.Fixtures;
using Reporting.Worker.Jobs;

namespace Reporting.Tests.Jobs;

public sealed class DashboardAccessTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private DashboardContext Request(string remote, string? adminHeader = null, string? basic = null)
    {
        var options = HangfireStorage.Options(new ConfigurationBuilder().Build());
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(fixture.Database.ConnectionString, options), options);
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (adminHeader is not null)
        {
            http.Request.Headers["X-Admin-Key"] = adminHeader;
        }

        if (basic is not null)
        {
            http.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(basic));
        }

        return new AspNetCoreDashboardContext(storage, new DashboardOptions(), http);
    }

    [Fact]
    public void OnLoopback_LocalViewersMayLookButNotAct()
    {
        var access = new DashboardAccess(loopbackOnly: true, adminKey: "s3cret");
        Assert.True(access.Authorize(Request("127.0.0.1")));
        Assert.True(access.IsReadOnly(Request("127.0.0.1")));
        Assert.False(access.IsReadOnly(Request("127.0.0.1", adminHeader: "s3cret")));
    }

    [Fact]
    public void BoundBeyondLoopback_OnlyAnAuthenticatedAdminGetsIn()
    {
        var access = new DashboardAccess(loopbackOnly: false, adminKey: "s3cret");
        Assert.False(access.Authorize(Request("127.0.0.1")));
        Assert.False(access.Authorize(Request("10.0.0.5", adminHeader: "wrong")));
        Assert.False(access.Authorize(Request("10.0.0.5", basic: "someone:s3cret")));
        Assert.True(access.Authorize(Request("10.0.0.5", adminHeader: "s3cret")));
        Assert.True(access.Authorize(Request("10.0.0.5", basic: "admin:s3cret")));
        Assert.False(new DashboardAccess(loopbackOnly: false, adminKey: null).Authorize(Request("10.0.0.5", adminHeader: "")));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080;http://[::1]:5081", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://127.0.0.1:5080;http://192.168.1.10:5080", false)]
    public void LoopbackOnly_IsTrueOnlyWhenEveryAddressIsLoopback(string urls, bool expected) =>
        Assert.Equal(expected, WorkerHost.LoopbackOnly(urls));
}
