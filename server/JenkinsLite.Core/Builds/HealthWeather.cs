namespace JenkinsLite.Core.Builds;

/// <summary>Jenkins' five weather icons of a health score, worst first.</summary>
public enum HealthWeather
{
    Stormy,
    Raining,
    Cloudy,
    PartlyCloudy,
    Sunny,
}
