using System.Net;
using System.Text.Json;
using RestSharp;
using JenkinsLite.Cli.Transport;
using RestSharp.Authenticators;

namespace JenkinsLite.Cli.Login;

/// <summary>One long-lived RestClient with the user's password and a cookie jar for the session the crumb is bound to.</summary>
public sealed class JenkinsApi : IJenkinsApi, IDisposable
{
    private readonly RestClient _client;
    private readonly string _user;

    public JenkinsApi(Uri server, string user, string password, bool noCertificateCheck = false, HttpMessageHandler? handler = null)
    {
        _user = user;
        var options = new RestClientOptions(server)
        {
            Authenticator = new HttpBasicAuthenticator(user, password),
            CookieContainer = new CookieContainer(),
            FollowRedirects = false,
        };
        if (noCertificateCheck)
        {
            #pragma warning disable CA5359 // the user asked for it with -noCertificateCheck
            options.RemoteCertificateValidationCallback = NoCertificateCheck.AcceptAny;
            #pragma warning restore CA5359
        }

        _client = handler is null ? new RestClient(options) : new RestClient(new HttpClient(handler), options);
    }

    public async Task<LoginResult> GenerateTokenAsync(string tokenName, CancellationToken cancellationToken)
    {
        var crumbResponse = await _client.ExecuteAsync(new RestRequest("crumbIssuer/api/json"), cancellationToken);
        if (crumbResponse.StatusCode == 0)
        {
            return new LoginResult(null, 0, crumbResponse.ErrorMessage ?? "The server could not be reached.");
        }

        var request = new RestRequest($"user/{Uri.EscapeDataString(_user)}/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken", Method.Post);
        request.AddParameter("newTokenName", tokenName);
        if (crumbResponse.IsSuccessful && crumbResponse.Content is { } crumbJson)
        {
            using var crumb = JsonDocument.Parse(crumbJson);
            var field = crumb.RootElement.TryGetProperty("crumbRequestField", out var f) ? f.GetString() : "Jenkins-Crumb";
            request.AddHeader(field ?? "Jenkins-Crumb", crumb.RootElement.GetProperty("crumb").GetString() ?? string.Empty);
        }
        else if (crumbResponse.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return new LoginResult(null, crumbResponse.StatusCode, "The user name or password was not accepted.");
        }

        var response = await _client.ExecuteAsync(request, cancellationToken);
        if (!response.IsSuccessful || response.Content is null)
        {
            return new LoginResult(null, response.StatusCode, $"generateNewToken answered {(int)response.StatusCode}.");
        }

        using var body = JsonDocument.Parse(response.Content);
        var value = body.RootElement.TryGetProperty("data", out var data) && data.TryGetProperty("tokenValue", out var token) ? token.GetString() : null;
        return value is null
            ? new LoginResult(null, response.StatusCode, "The answer carried no token.")
            : new LoginResult(value, response.StatusCode, null);
    }

    public void Dispose() => _client.Dispose();
}
