using JenkinsLite.Server.Hosting;

namespace JenkinsLite.Server.Tests.Logging;

/// <summary>decisions.md #17: where a request is logged, its secrets are not.</summary>
internal sealed class LogRedactionTests
{
    [TestCase("Request starting HTTP/1.1 POST http://h/job/a/build?token=s3cret - text/plain 0", "http://h/job/a/build?token=**** - text/plain 0")]
    [TestCase("GET /job/a/build?delay=5&token=s3cret&cause=x", "/job/a/build?delay=5&token=****&cause=x")]
    [TestCase("GET /x?crumb=s3cret", "/x?crumb=****")]
    [TestCase("GET /x?Jenkins-Crumb=s3cret", "/x?Jenkins-Crumb=****")]
    [TestCase("GET /x?.crumb=s3cret", "/x?.crumb=****")]
    [TestCase("POST /configSubmit?json=%7B%22password%22%3A%22s3cret%22%7D", "/configSubmit?json=****")]
    [TestCase("GET /x?%74oken=s3cret", "/x?%74oken=****")]
    [TestCase("GET /x?TOKEN=s3cret", "/x?TOKEN=****")]
    [TestCase("Authorization: Basic czNjcmV0", "Authorization: ****")]
    [TestCase("authorization: Bearer s3cret", "authorization: ****")]
    [TestCase("Proxy-Authorization: Basic czNjcmV0", "Proxy-Authorization: ****")]
    [TestCase("Cookie: JSESSIONID.1=s3cret; other=1", "Cookie: ****")]
    [TestCase("{\"Cookie\":\"JSESSIONID.1=s3cret\"}", "{\"Cookie\":\"****\"}")]
    [TestCase("cli args: -s http://h -auth alice:s3cret who-am-i", "-auth **** who-am-i")]
    [TestCase("cli args: [\"-auth\",\"alice:s3cret\",\"who-am-i\"]", "[\"-auth\",\"****\",\"who-am-i\"]")]
    public void Redact_HidesTheSecret(string text, string expectedPart)
    {
        var redacted = LogRedaction.Redact(text);

        Assert.That(redacted, Does.Not.Contain("s3cret").And.Not.Contain("czNjcmV0"));
        Assert.That(redacted, Does.Contain(expectedPart));
    }

    [TestCase("Request starting HTTP/1.1 GET http://h/job/a/api/json?tree=jobs[name]&depth=1 - - -")]
    [TestCase("GET /job/a/buildWithParameters?NAME=token&tokenizer=1")]
    [TestCase("User alice signed in with the form")]
    [TestCase("Authorization failed for alice: Overall/Read is missing")]
    [TestCase("The -authentication flag is not -auth")]
    [TestCase("")]
    public void Redact_LeavesOtherTextAlone(string text) =>
        Assert.That(LogRedaction.Redact(text), Is.EqualTo(text));
}
