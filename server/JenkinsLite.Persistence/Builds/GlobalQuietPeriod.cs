using System.Globalization;
using JenkinsLite.Core;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Persistence.Xml;

namespace JenkinsLite.Persistence.Builds;

/// <summary>The root config.xml's <c>&lt;quietPeriod&gt;</c> in seconds; Jenkins' default is 5.</summary>
public static class GlobalQuietPeriod
{
    public const int Default = 5;

    public static int Read(JenkinsHome home)
    {
        try
        {
            var value = JenkinsXml.Load(home.ConfigXml, home).Root?.Element("quietPeriod")?.Value;
            return int.TryParse(value?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 ? seconds : Default;
        }
        catch (Exception e) when (e is HomeDataException or IOException)
        {
            return Default;
        }
    }
}
