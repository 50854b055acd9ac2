namespace JenkinsLite.Persistence.Tests.Users;

/// <summary>Values from real Jenkins homes (api-tokens.md 5.1 to 5.3) that the user tests need; the composed V3 home is <see cref="JenkinsLite.Tests.Shared.ComposedV3Home"/>.</summary>
internal static class JenkinsHomeData
{
    public const string F1LegacyToken = "7be8e81ad5a350fa3f3e2acfae4adb14";
    public const string F1ApiToken =
        "{AQAAABAAAAAw8AvXsxxE6Jt2K50IPhDDvyjHHZfrrz/K3IO5tSscMI4fdCYyHD6VPs2Qk1X0mT5IGM5eAD7k82zGokZJuMGpgw==}";

    public const string F1PasswordHash = "#jbcrypt:$2a$10$F2wh/7ocrHLJJb2Ainaj4uVoyecKnFCFPCWOZ0bqRFg/FudHQjesO";
    public const string F2PasswordHash = "#jbcrypt:$2a$10$Nm37vwdZwJ5T2QTBwYuBYONHD3qKilgd5UO7wuDXI83z5dAdrgi4i";
    public const string F3LegacyToken = "38f15cf43a3ba7b5ecdbd4514a43d3ea";
    public const string F4LegacyToken = "59fad5a978d6651cc38ce251242719bb";
    public const string F4PasswordHash = "#jbcrypt:$2a$10$eDQD3w/iXX0VWWKb3Kv5QOKjFg0Yj3Hk9Z.Y43iFHJQOUYmHdvVuS";

    public const string F2UserFolder = "user_1072549610582667998";
    public const string F5UserFolder = "user4975613142751794216";

    public const string NewToken = "1147c3b70068c7b5573342ebb6ddc7f6ae";
}
