using System.Collections.Immutable;
using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.ApiTokens.Audit;
using JenkinsLite.Core.Security.Authentication;
using JenkinsLite.Core.Security.Passwords;

namespace JenkinsLite.Core.Users;

/// <summary>
/// Jenkins' own user database and every user's API tokens. The users are held in memory as immutable
/// records; a change is saved first and takes effect only once the file is written, so a failed save
/// changes nothing and nobody is ever shown a token that was not stored. Changes to one user are
/// serialised by a per-user lock; a reload excludes all changes while it swaps the whole set.
/// </summary>
public sealed class UserAccounts : IDisposable
{
    /// <summary>Longer names are refused: Jenkins sets no limit, but a name is shown on every page.</summary>
    public const int MaxTokenNameLength = 256;

    /// <summary>The creator recorded for tokens declared in init.tokens.d (Jenkins' name for the system itself).</summary>
    public const string DeclaredCreator = "SYSTEM";

    private static readonly Lazy<string> UnknownUserHash = new(() => PasswordHash.HashNew(TokenSecret.NewSecret()));

    private readonly IUserRepository _repository;
    private readonly IPasswordVerifier _passwords;
    private readonly TimeProvider _clock;
    private readonly Func<ApiTokenSettings> _settings;
    private readonly ReaderWriterLockSlim _reloadGate = new(LockRecursionPolicy.SupportsRecursion);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, object> _userGates = new();
    private readonly TokenIndex _tokenIndex = new(UserId.KeyFor);
    private State _state = new(ImmutableDictionary<string, User>.Empty, []);

    // While the first load runs (StartLoading): users read alone by id, so requests need not wait for it.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, UserFileRead?> _readAlone = new();
    private Task _firstLoad = Task.CompletedTask;
    private volatile bool _allLoaded = true;

    public UserAccounts(IUserRepository repository, TimeProvider clock, Func<ApiTokenSettings> settings, IPasswordVerifier? passwords = null)
    {
        _passwords = passwords ?? DirectPasswordVerifier.Instance;
        _repository = repository;
        _clock = clock;
        _settings = settings;
        Usage = new ApiTokenUsageStats(repository, clock, () => _settings().UsageStatisticsEnabled);
        Usage.Forgotten += (userId, tokenUuids) => _tokenIndex.Forget(userId, tokenUuids);
    }

    public ApiTokenUsageStats Usage { get; }

    /// <summary>Token secrets remembered for a quick check (<see cref="TokenIndex"/>): those of live tokens only.</summary>
    internal int RememberedTokenSecrets => _tokenIndex.Count;

    /// <summary>Hears every token change before it is saved, and may stop it (the audit log, token-governance.md section 7).</summary>
    public ITokenChangeAudit? Audit { get; set; }

    public void Dispose()
    {
        _reloadGate.Dispose();
        _tokenIndex.Dispose();
    }

    public IReadOnlyList<UnreadableUserFile> Unreadable => WhenAllLoaded().Unreadable;

    public IEnumerable<User> All => WhenAllLoaded().Users.Values.OrderBy(u => u.Id, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Loads every user in the background, so a home of 100,000 users answers at once. Meanwhile <see cref="Find"/>
    /// reads a user alone from the folder the id leads to, what needs every user (<see cref="All"/>) waits, and
    /// changes wait: the load holds them back from the start, so none can be lost by its swap. Returns once it holds them.
    /// </summary>
    public void StartLoading()
    {
        using var changesHeld = new ManualResetEventSlim();
        _allLoaded = false;
        _firstLoad = Task.Factory.StartNew(() => Load(changesHeld), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        changesHeld.Wait();
    }

    /// <summary>Ends when the load <see cref="StartLoading"/> began has ended.</summary>
    public Task Loaded => _firstLoad;

    /// <summary>Whether any user file is unreadable or holds a user <paramref name="matches"/> accepts; while loading, reads only until the first.</summary>
    public bool AnyUserFile(Func<User, bool> matches) =>
        _allLoaded ? _state.Unreadable.Count > 0 || _state.Users.Values.Any(matches) : _repository.AnyUserFile(matches);

    /// <summary>Reads every user from disk and replaces what is in memory in one step.</summary>
    public void Reload() => Load(changesHeld: null);

    public User? Find(string? userId) =>
        userId is null ? null
        : _allLoaded ? _state.Users.GetValueOrDefault(UserId.KeyFor(userId))
        : LookupWhileLoading(userId).User;

    public bool IsUnreadable(string userId) =>
        _allLoaded ? UnreadableFileOf(_state, userId) is not null : LookupWhileLoading(userId).Unreadable is not null;

    private void Load(ManualResetEventSlim? changesHeld)
    {
        // Loading inside the write lock: a change saved during the load must not be lost by the swap.
        _reloadGate.EnterWriteLock();
        try
        {
            changesHeld?.Set();
            var load = _repository.LoadAll();
            var users = load.Users
                .GroupBy(u => UserId.KeyFor(u.Id))
                .ToImmutableDictionary(g => g.Key, g => g.First());
            _state = new State(users, load.Unreadable);
        }
        finally
        {
            _allLoaded = true; // also after a failed load: waiting callers see its exception
            _readAlone.Clear();
            _reloadGate.ExitWriteLock();
        }
    }

    private static UnreadableUserFile? UnreadableFileOf(State state, string userId) =>
        state.Unreadable.FirstOrDefault(f => string.Equals(f.UserId, userId, StringComparison.OrdinalIgnoreCase));

    private UserFileRead LookupWhileLoading(string userId)
    {
        // No change happens while the first load runs, so a file read alone now is what the load will find.
        if (_readAlone.GetOrAdd(UserId.KeyFor(userId), _ => _repository.ReadOne(userId)) is { } read && !_allLoaded)
        {
            return read;
        }

        var state = WhenAllLoaded(); // only the whole folder can tell that a user does not exist
        return new UserFileRead(state.Users.GetValueOrDefault(UserId.KeyFor(userId)), UnreadableFileOf(state, userId));
    }

    private State WhenAllLoaded()
    {
        if (!_allLoaded)
        {
            _firstLoad.GetAwaiter().GetResult();
        }

        return _state;
    }

    /// <summary>
    /// Jenkins' HTTP Basic rule: the secret is tried as an API token first, then as the password.
    /// A token stored in Jenkins' unsalted form is re-stored salted on its first successful use.
    /// A token is counted as used unless <paramref name="countTokenUse"/> is false: the sign-in form
    /// recognises a token only to refuse it. Completes synchronously unless a password hash has to run.
    /// </summary>
    public ValueTask<AuthenticationResult> AuthenticateAsync(string userName, string secret, bool passwordsAllowed, bool countTokenUse = true,
        CancellationToken cancellationToken = default)
    {
        if (IsUnreadable(userName))
        {
            return Result(new AuthenticationResult.Failed(AuthenticationFailure.UserUnreadable));
        }

        var user = Find(userName);
        if (user is null)
        {
            return passwordsAllowed
                ? UnknownUserAsync(secret, cancellationToken)
                : Result(new AuthenticationResult.Failed(AuthenticationFailure.BadCredentials));
        }

        var token = _tokenIndex.FindMatch(user.Id, user.Tokens, secret, _clock.GetUtcNow(), out var matchedExpired);
        if (token is not null)
        {
            if (!token.Hash.IsSalted)
            {
                try
                {
                    RestoreSalted(user.Id, token, secret);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The token is right; storing it better can wait for its next use.
                }
            }

            if (countTokenUse)
            {
                Usage.RecordUse(user.Id, token.Uuid);
            }

            return Result(new AuthenticationResult.ByToken(user, token));
        }

        var failure = new AuthenticationResult.Failed(matchedExpired ? AuthenticationFailure.TokenExpired : AuthenticationFailure.BadCredentials);
        return passwordsAllowed && !user.IsServiceAccount
            ? PasswordAsync(user, secret, failure, cancellationToken)
            : Result(failure);
    }

    /// <summary>Every user who still has a legacy token (Jenkins' legacy-token monitor), by user id.</summary>
    public IReadOnlyList<LegacyTokenHolder> LegacyTokenHolders() =>
        [.. All.Select(u => LegacyTokenHolder.Of(u, TokensOf(u))).OfType<LegacyTokenHolder>()];

    public IReadOnlyList<TokenView> TokensOf(User user)
    {
        var now = _clock.GetUtcNow();
        return user.Tokens.Tokens
            .OrderBy(t => t.Name.ToLowerInvariant(), StringComparer.Ordinal)
            .Select(t => TokenView.Of(t, Usage.UsageOf(user.Id, t.Uuid), now))
            .ToList();
    }

    /// <summary>
    /// Jenkins' generateNewToken, narrowed by <paramref name="scope"/> (null: full). <paramref name="createdBy"/>
    /// is who asked, kept when it is not the owner (an admin issuing a service account's token).
    /// </summary>
    public TokenChangeResult GenerateToken(string userId, string? name, DateOnly? expiration, TokenScope? scope = null, string? createdBy = null)
    {
        if (NameProblem(name) is { } problem)
        {
            return problem;
        }

        if (expiration is { } date && date < Today)
        {
            return TokenChange.ExpirationInPast;
        }

        return AddToken(userId, name, TokenSecret.NewSecret(), expiration, scope, createdBy);
    }

    /// <summary>Jenkins' addFixedToken: the caller supplies the value ("11" + 32 hex).</summary>
    public TokenChangeResult AddFixedToken(string userId, string? name, string plainValue, DateOnly? expiration, TokenScope? scope = null, string? createdBy = null)
    {
        if (NameProblem(name) is { } problem)
        {
            return problem;
        }

        if (!TokenSecret.TryParseFixed(plainValue, out var secret))
        {
            return TokenChange.InvalidValue;
        }

        if (expiration is { } date && date < Today)
        {
            return TokenChange.ExpirationInPast;
        }

        return AddToken(userId, name, secret, expiration, scope, createdBy);
    }

    /// <summary>
    /// Replaces a token by a new one with the same name and scope, and the same number of days to its expiry
    /// from today (token-governance.md section 3). The old value keeps working for <paramref name="grace"/>
    /// (zero: it is revoked at once) and points at its successor meanwhile.
    /// </summary>
    /// <param name="maxLifetimeDays">The policy's maximum lifetime (0: none): it caps the new token's expiry, and gives one to a token that had none.</param>
    public TokenChangeResult RotateToken(string userId, string tokenUuid, TimeSpan grace, string? rotatedBy = null, int maxLifetimeDays = 0)
    {
        var now = _clock.GetUtcNow();
        var secret = TokenSecret.NewSecret();
        NewApiToken? created = null;
        HashedToken? replaced = null;
        var outcome = Change(userId, user =>
        {
            if (user.Tokens.Find(tokenUuid) is not { } old)
            {
                return (null, TokenChange.UnknownToken);
            }

            if (old.IsLegacy)
            {
                return (null, TokenChange.LegacyNotRotatable);
            }

            DateOnly? expiration = old.ExpirationDate is { } until && old.CreationDate is { } made
                ? Today.AddDays(Math.Max(0, until.DayNumber - DateOnly.FromDateTime(made.UtcDateTime).DayNumber))
                : old.ExpirationDate;
            if (maxLifetimeDays > 0 && Today.AddDays(maxLifetimeDays) is var cap && (expiration is null || expiration > cap))
            {
                expiration = cap;
            }
            var fresh = new HashedToken(Guid.NewGuid().ToString(), old.Name, now, expiration,
                TokenHash.Salted(secret, legacy: false), old.Scope, CreatorOf(user, rotatedBy));
            var tokens = user.Tokens.Add(fresh);
            if (grace <= TimeSpan.Zero)
            {
                tokens = tokens.Remove(old.Uuid);
            }
            else
            {
                var end = now + grace;
                var endDay = DateOnly.FromDateTime(end.UtcDateTime);
                tokens = tokens.Replace(old with
                {
                    RotatedTo = fresh.Uuid,
                    ValidUntil = end,
                    ExpirationDate = old.ExpirationDate is { } day && day < endDay ? day : endDay,
                });
            }

            created = new NewApiToken(fresh.Uuid, fresh.Name, TokenSecret.Prefix + secret, expiration);
            replaced = old;
            return (user with { Tokens = tokens }, TokenChange.Done);
        });
        if (outcome != TokenChange.Done)
        {
            return outcome;
        }

        if (grace <= TimeSpan.Zero)
        {
            Usage.Forget(userId, [replaced!.Uuid]); // only once the change is saved
        }

        return new TokenChangeResult(TokenChange.Done, created)
        {
            UserId = Find(userId)?.Id ?? userId,
            RotatedFrom = replaced!.Uuid,
            Scope = replaced.EffectiveScope,
        };
    }

    /// <summary>
    /// A declared token (init.tokens.d): the service account <paramref name="userId"/> (created when missing)
    /// gets a token <paramref name="name"/> holding <paramref name="plainValue"/>. Applying the same declaration
    /// again changes nothing; a different value, scope or expiry replaces the token of that name.
    /// </summary>
    public TokenChangeResult ApplyDeclaredToken(string userId, string name, string plainValue, TokenScope scope, DateOnly? expiration)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return TokenChange.BlankName;
        }

        if (NameProblem(name) is { } problem)
        {
            return problem;
        }

        if (!TokenSecret.TryParseFixed(plainValue, out var secret))
        {
            return TokenChange.InvalidValue;
        }

        if (Find(userId) is null)
        {
            var created = CreateServiceAccount(userId, null, null);
            if (created is not (UserChange.Done or UserChange.AlreadyExists))
            {
                return created == UserChange.Unreadable ? TokenChange.NotAllowed : TokenChange.UnknownUser;
            }
        }

        var trimmed = name.Trim();
        var stored = scope.IsFull ? null : scope;
        var now = _clock.GetUtcNow();
        var token = new HashedToken(Guid.NewGuid().ToString(), trimmed, now, expiration, TokenHash.Salted(secret, legacy: false), stored, DeclaredCreator);
        List<string> removed = [];
        var outcome = Change(userId, user =>
        {
            if (!user.IsServiceAccount)
            {
                return (null, TokenChange.NotServiceAccount);
            }

            var sameName = user.Tokens.Tokens.Where(t => !t.IsLegacy && t.Name == trimmed).ToList();
            if (sameName.Count == 1 && sameName[0].Hash.Matches(plainValue) && sameName[0].ExpirationDate == expiration
                && sameName[0].EffectiveScope.SameAs(scope))
            {
                token = sameName[0];
                return (null, TokenChange.Unchanged);
            }

            removed = [.. sameName.Select(t => t.Uuid)];
            var tokens = sameName.Aggregate(user.Tokens, (store, t) => store.Remove(t.Uuid)).Add(token);
            return (user with { Tokens = tokens }, TokenChange.Done);
        });
        Usage.Forget(userId, removed);

        return outcome is TokenChange.Done or TokenChange.Unchanged
            ? new TokenChangeResult(outcome, new NewApiToken(token.Uuid, token.Name, string.Empty, token.ExpirationDate))
            {
                UserId = Find(userId)?.Id ?? userId,
                Scope = token.EffectiveScope,
            }
            : outcome;
    }

    public TokenChange RenameToken(string userId, string tokenUuid, string? newName)
    {
        if (string.IsNullOrWhiteSpace(newName))
        {
            return TokenChange.BlankName;
        }

        if (NameProblem(newName) is { } problem)
        {
            return problem;
        }

        return Change(userId, user => user.Tokens.Find(tokenUuid) is { } token
            ? (user with { Tokens = user.Tokens.Replace(token with { Name = newName.Trim() }) }, TokenChange.Done)
            : (null, TokenChange.UnknownToken));
    }

    /// <summary>Jenkins' revoke: an unknown uuid is not an error; revoking the legacy entry clears &lt;apiToken&gt;.</summary>
    public TokenChange RevokeToken(string userId, string tokenUuid) =>
        Revoke(userId, user => user.Tokens.Find(tokenUuid) is { } token
            ? user with { Tokens = user.Tokens.Remove(tokenUuid), Legacy = token.IsLegacy ? null : user.Legacy }
            : null);

    /// <summary>Unlike Jenkins, this also clears &lt;apiToken&gt;, so the legacy token cannot come back on load.</summary>
    public TokenChange RevokeAllTokens(string userId) =>
        Revoke(userId, user => user with { Tokens = ApiTokenStore.Empty, Legacy = null });

    public TokenChange RevokeAllTokensExcept(string userId, string keptUuid) =>
        Revoke(userId, user => user with
        {
            Tokens = user.Tokens.RemoveAllExcept(keptUuid),
            Legacy = user.Tokens.Find(keptUuid) is { IsLegacy: true } ? user.Legacy : null,
        });

    /// <summary>
    /// The legacy-token monitor's bulk revoke: removes the entry and clears &lt;apiToken&gt;, leaving the
    /// usage entry as Jenkins does. A pair that does not match is skipped.
    /// </summary>
    public void RevokeLegacyToken(string userId, string tokenUuid) =>
        Change(userId, user => user.Tokens.Find(tokenUuid) is { IsLegacy: true }
            ? (user with { Tokens = user.Tokens.Remove(tokenUuid), Legacy = null }, TokenChange.Done)
            : (null, TokenChange.UnknownToken));

    /// <summary>
    /// Jenkins' changeToken: a new random legacy token, allowed when the user has one already or the
    /// admin allows creating them. Returns the new user-facing value.
    /// </summary>
    public (TokenChange Outcome, string? Value) ChangeLegacyToken(string userId)
    {
        string? value = null;
        List<string> replaced = [];
        var outcome = Change(userId, user =>
        {
            if (user.Legacy is null && !_settings().CreationOfLegacyTokenEnabled)
            {
                return (null, TokenChange.NotAllowed);
            }

            var legacy = LegacyApiToken.NewRandom();
            value = legacy.UserFacingValue;
            replaced = user.Tokens.Tokens.Where(t => t.IsLegacy).Select(t => t.Uuid).ToList();
            var entry = new HashedToken(Guid.NewGuid().ToString(), "Legacy Token", _clock.GetUtcNow(), null,
                TokenHash.Salted(value, legacy: true));
            return (user with { Tokens = user.Tokens.RemoveLegacy().Add(entry), Legacy = legacy }, TokenChange.Done);
        });
        Usage.Forget(userId, replaced); // only once the change is saved
        return (outcome, outcome == TokenChange.Done ? value : null);
    }

    public UserChange CreateUser(string id, string password, string? fullName)
    {
        if (!UserId.IsValidNew(id))
        {
            return UserChange.InvalidId;
        }

        if (string.IsNullOrEmpty(password) || PasswordHash.ExceedsBcryptLimit(password))
        {
            return UserChange.InvalidPassword;
        }

        return CreateAccount(id, () =>
        {
            var tokens = ApiTokenStore.Empty;
            LegacyApiToken? legacy = null;
            if (_settings().TokenGenerationOnCreationEnabled)
            {
                // decisions.md #11: a random legacy token, not Jenkins' HMAC of the user id.
                legacy = LegacyApiToken.NewRandom();
                tokens = tokens.Add(LegacyEntry(legacy, creationDate: null));
            }

            return new User(id, string.IsNullOrWhiteSpace(fullName) ? id : fullName.Trim(), null,
                PasswordHash.HashNew(password), tokens, legacy);
        });
    }

    /// <summary>
    /// A service account (token-governance.md section 4): a user with no password, which exists to hold tokens
    /// an admin issues. Its id follows the rules of a new account.
    /// </summary>
    public UserChange CreateServiceAccount(string id, string? fullName, string? description)
    {
        if (!UserId.IsValidNew(id))
        {
            return UserChange.InvalidId;
        }

        return CreateAccount(id, () =>
        {
            Audit?.BeforeServiceAccountCreated(id);
            return new User(id, string.IsNullOrWhiteSpace(fullName) ? id : fullName.Trim(),
                string.IsNullOrWhiteSpace(description) ? null : description.Trim(), null, ApiTokenStore.Empty, null, IsServiceAccount: true);
        });
    }

    /// <summary>
    /// Creates a user that does not exist yet (nor as an unreadable file), under its gate; saved before it is seen,
    /// its tokens audited before it is saved.
    /// </summary>
    private UserChange CreateAccount(string id, Func<User> make)
    {
        var key = UserId.KeyFor(id);
        return WithUserGate(key, () =>
        {
            if (_state.Users.ContainsKey(key))
            {
                return UserChange.AlreadyExists;
            }

            if (IsUnreadable(id))
            {
                return UserChange.Unreadable;
            }

            var user = make();
            // A new user may come with tokens (the legacy token of TokenGenerationOnCreationEnabled): audited as any change.
            Audit?.BeforeSave(user with { Tokens = ApiTokenStore.Empty, Legacy = null }, user, TokenStoreChange.Between(ApiTokenStore.Empty, user.Tokens));
            _repository.Save(user);
            Publish(user);
            return UserChange.Done;
        });
    }

    /// <summary>
    /// The local record of a user another realm (a directory) vouched for, created without a password on their
    /// first sign-in so their API tokens have a home, as Jenkins creates it. Null when the record is unreadable.
    /// </summary>
    public User? EnsureExternalUser(string id, string fullName)
    {
        if (Find(id) is { } existing)
        {
            return existing;
        }

        var key = UserId.KeyFor(id);
        return WithUserGate(key, () =>
        {
            if (_state.Users.TryGetValue(key, out var user))
            {
                return user;
            }

            if (IsUnreadable(id))
            {
                return null;
            }

            var created = new User(id, string.IsNullOrWhiteSpace(fullName) ? id : fullName.Trim(), null, null, ApiTokenStore.Empty, null);
            _repository.Save(created);
            Publish(created);
            return created;
        });
    }

    public UserChange DeleteUser(string id)
    {
        var key = UserId.KeyFor(id);
        return WithUserGate(key, () =>
        {
            if (!_state.Users.TryGetValue(key, out var user))
            {
                return UserChange.UnknownUser;
            }

            _repository.Delete(user.Id);
            ImmutableInterlocked.Update(ref _state, s => s with { Users = s.Users.Remove(key) });
            Usage.ForgetUser(user.Id);
            return UserChange.Done;
        });
    }

    public UserChange ChangePassword(string id, string newPassword)
    {
        if (string.IsNullOrEmpty(newPassword) || PasswordHash.ExceedsBcryptLimit(newPassword))
        {
            return UserChange.InvalidPassword;
        }

        // A service account has no password, ever (token-governance.md section 4).
        var outcome = Change(id, user => user.IsServiceAccount
            ? (null, TokenChange.NotAllowed)
            : (user with { PasswordHash = PasswordHash.HashNew(newPassword) }, TokenChange.Done));
        return outcome switch
        {
            TokenChange.UnknownUser => UserChange.UnknownUser,
            TokenChange.NotAllowed => UserChange.InvalidPassword,
            _ => UserChange.Done,
        };
    }

    /// <summary>The entry Jenkins derives for a legacy token; ours is salted from the start.</summary>
    public static HashedToken LegacyEntry(LegacyApiToken legacy, DateTimeOffset? creationDate) =>
        new(Guid.NewGuid().ToString(), "Legacy Token", creationDate, null,
            TokenHash.Salted(legacy.UserFacingValue, legacy: true));

    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    private static TokenChange? NameProblem(string? name) =>
        name is null ? null
        : name.Length > MaxTokenNameLength ? TokenChange.NameTooLong
        : name.Any(char.IsControl) ? TokenChange.InvalidName
        : null;

    private TokenChangeResult AddToken(string userId, string? name, string secret, DateOnly? expiration, TokenScope? scope, string? createdBy)
    {
        var now = _clock.GetUtcNow();
        var tokenName = string.IsNullOrWhiteSpace(name)
            ? $"Token created on {now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff}Z"
            : name.Trim();
        var stored = scope is null || scope.IsFull ? null : scope;
        HashedToken? token = null;
        var outcome = Change(userId, user =>
        {
            token = new HashedToken(Guid.NewGuid().ToString(), tokenName, now, expiration,
                TokenHash.Salted(secret, legacy: false), stored, CreatorOf(user, createdBy));
            return (user with { Tokens = user.Tokens.Add(token) }, TokenChange.Done);
        });

        return outcome == TokenChange.Done
            ? new TokenChangeResult(outcome, new NewApiToken(token!.Uuid, tokenName, TokenSecret.Prefix + secret, expiration))
            {
                UserId = Find(userId)?.Id ?? userId,
                Scope = token.EffectiveScope,
            }
            : outcome;
    }

    private static ValueTask<AuthenticationResult> Result(AuthenticationResult result) => ValueTask.FromResult(result);

    private async ValueTask<AuthenticationResult> PasswordAsync(User user, string secret, AuthenticationResult.Failed failure, CancellationToken cancellationToken) =>
        await _passwords.VerifyAsync(user.PasswordHash, secret, cancellationToken) switch
        {
            PasswordCheck.Match => new AuthenticationResult.ByPassword(user),
            PasswordCheck.Busy => new AuthenticationResult.Failed(AuthenticationFailure.Busy),
            _ => failure,
        };

    private async ValueTask<AuthenticationResult> UnknownUserAsync(string secret, CancellationToken cancellationToken) =>
        // Same work as a wrong password, waiting in the same line, so timing does not tell which user names exist.
        new AuthenticationResult.Failed(await _passwords.VerifyAsync(UnknownUserHash.Value, secret, cancellationToken) == PasswordCheck.Busy
            ? AuthenticationFailure.Busy
            : AuthenticationFailure.BadCredentials);

    /// <summary>Who made a token: the caller when given, else the owner.</summary>
    private static string CreatorOf(User owner, string? createdBy) =>
        string.IsNullOrEmpty(createdBy) ? owner.Id : createdBy;

    private TokenChange Revoke(string userId, Func<User, User?> change)
    {
        List<string> removed = [];
        var outcome = Change(userId, user =>
        {
            var updated = change(user);
            if (updated is null)
            {
                return (null, TokenChange.Done);
            }

            var kept = updated.Tokens.Tokens.Select(t => t.Uuid).ToHashSet();
            removed = user.Tokens.Tokens.Select(t => t.Uuid).Where(u => !kept.Contains(u)).ToList();
            return (updated, TokenChange.Done);
        });
        Usage.Forget(userId, removed); // only once the change is saved
        return outcome;
    }

    private void RestoreSalted(string userId, HashedToken token, string presented)
    {
        var secret = System.Text.Encoding.ASCII.GetString(TokenSecret.SecretBytesOf(presented));
        Change(userId, user => user.Tokens.Find(token.Uuid) is { Hash.IsSalted: false } current
            ? (user with { Tokens = user.Tokens.Replace(current with { Hash = TokenHash.Salted(secret, current.IsLegacy) }) }, TokenChange.Done)
            : (null, TokenChange.Done));
    }

    /// <summary>Applies a change to one user under that user's lock: save first, then publish.</summary>
    private TokenChange Change(string userId, Func<User, (User? Updated, TokenChange Outcome)> change)
    {
        var key = UserId.KeyFor(userId);
        return WithUserGate(key, () =>
        {
            if (!_state.Users.TryGetValue(key, out var user))
            {
                return TokenChange.UnknownUser;
            }

            var (updated, outcome) = change(user);
            if (updated is not null)
            {
                Audit?.BeforeSave(user, updated, TokenStoreChange.Between(user.Tokens, updated.Tokens));
                _repository.Save(updated);
                Publish(updated);
            }

            return outcome;
        });
    }

    private T WithUserGate<T>(string key, Func<T> action)
    {
        _reloadGate.EnterReadLock();
        try
        {
            lock (_userGates.GetOrAdd(key, _ => new object()))
            {
                return action();
            }
        }
        finally
        {
            _reloadGate.ExitReadLock();
        }
    }

    private void Publish(User user) =>
        ImmutableInterlocked.Update(ref _state, s => s with { Users = s.Users.SetItem(UserId.KeyFor(user.Id), user) });

    private sealed record State(ImmutableDictionary<string, User> Users, IReadOnlyList<UnreadableUserFile> Unreadable);
}
