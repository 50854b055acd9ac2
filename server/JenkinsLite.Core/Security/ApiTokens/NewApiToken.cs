namespace JenkinsLite.Core.Security.ApiTokens;

/// <summary>A freshly made token: the only object that ever holds its plain value, returned once.</summary>
public sealed record NewApiToken(string Uuid, string Name, string PlainValue, DateOnly? ExpirationDate);
