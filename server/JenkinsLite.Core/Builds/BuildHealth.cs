namespace JenkinsLite.Core.Builds;

/// <summary>Jenkins' HealthReport: a score from 0 to 100 and the sentence shown with it.</summary>
public sealed record BuildHealth(int Score, string Description)
{
    /// <summary>The weather Jenkins draws for the score, in its steps of 20 (health-00to19 … health-80plus).</summary>
    public HealthWeather Weather => Score switch
    {
        <= 20 => HealthWeather.Stormy,
        <= 40 => HealthWeather.Raining,
        <= 60 => HealthWeather.Cloudy,
        <= 80 => HealthWeather.PartlyCloudy,
        _ => HealthWeather.Sunny,
    };
}
