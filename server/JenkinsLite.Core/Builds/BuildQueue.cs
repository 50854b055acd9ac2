using System.Collections.Frozen;
using System.Globalization;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Nodes;

namespace JenkinsLite.Core.Builds;

/// <summary>
/// Jenkins' build queue and executors: items wait out their quiet period, then take a free executor;
/// a job without concurrentBuild runs one build at a time (its next item is blocked). Left items stay
/// visible for five minutes so clients polling for <c>executable</c> find it. Every change is stored,
/// so an item answered with 201 survives a restart. Nothing starts while Jenkins quiets down or while
/// the built-in node is offline.
/// </summary>
public sealed class BuildQueue
{
    /// <summary>How long a left item stays reachable (Jenkins' Queue.LeftItem retention).</summary>
    public static readonly TimeSpan LeftItemLifetime = TimeSpan.FromMinutes(5);

    // How often a blocking quiet-down looks again (Jenkins: every second).
    private static readonly TimeSpan QuietPollInterval = TimeSpan.FromMilliseconds(250);

    private readonly IQueueStore _store;
    private readonly IJobCatalog _jobs;
    private readonly BuildRecords _records;
    private readonly TimeProvider _clock;
    private readonly BuiltInNode _node;
    private readonly QuietDown _quietDown;
    private readonly Lock _gate = new();
    private readonly List<QueueItem> _items = [];
    private readonly List<StartedBuild> _running = [];

    // The jobs of _running, replaced under the gate whenever it changes: every job's color on every api/json asks,
    // and reads it without taking the gate.
    private volatile FrozenSet<string> _buildingJobs = FrozenSet<string>.Empty;
    private readonly List<IReadOnlySet<string>> _holds = [];
    private long _nextId;

    public BuildQueue(IQueueStore store, IJobCatalog jobs, BuildRecords records, TimeProvider clock, BuiltInNode node, QuietDown quietDown)
    {
        _store = store;
        _jobs = jobs;
        _records = records;
        _clock = clock;
        _node = node;
        _quietDown = quietDown;

        // Coming back online or cancelling quiet-down may let builds start.
        node.Changed += () => Changed?.Invoke();
        quietDown.Changed += () => Changed?.Invoke();
        var state = store.Load();
        _nextId = Math.Max(1, state.NextId);
        _items.AddRange(state.Items.Where(i => !i.HasLeft || _clock.GetUtcNow() - i.LeftAt < LeftItemLifetime).OrderBy(i => i.Id));
    }

    /// <summary>Raised after anything that may let a build start (an item added, a build finished, time to check).</summary>
    public event Action? Changed;

    public IReadOnlyList<StartedBuild> Running
    {
        get
        {
            lock (_gate)
            {
                return [.. _running];
            }
        }
    }

    /// <summary>The earliest time a waiting item becomes buildable, if any waits.</summary>
    public DateTimeOffset? NextDueAt
    {
        get
        {
            lock (_gate)
            {
                var waiting = _items.Where(i => !i.HasLeft).Select(i => i.BuildableAt).ToList();
                return waiting.Count == 0 ? null : waiting.Min();
            }
        }
    }

    public QueueItem Schedule(string jobFullName, TimeSpan quietPeriod, IReadOnlyList<BuildCause> causes, IReadOnlyList<ParameterValue> parameters)
    {
        QueueItem item;
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            item = new QueueItem(_nextId++, jobFullName, causes, parameters, now, now + (quietPeriod < TimeSpan.Zero ? TimeSpan.Zero : quietPeriod));
            _items.Add(item);
            Save();
        }

        Changed?.Invoke();
        return item;
    }

    /// <summary>An item by id: waiting, blocked, buildable, or left within the last five minutes.</summary>
    public QueueItemView? Find(long id)
    {
        lock (_gate)
        {
            Expire();
            return _items.FirstOrDefault(i => i.Id == id) is { } item ? View(item) : null;
        }
    }

    /// <summary>The items still in the queue, oldest first (Jenkins' /queue/api/json).</summary>
    public IReadOnlyList<QueueItemView> Pending()
    {
        lock (_gate)
        {
            return [.. _items.Where(i => !i.HasLeft).Select(View)];
        }
    }

    /// <summary>The id of a job's item still in the queue, if any.</summary>
    public long? PendingItemOf(string jobFullName)
    {
        lock (_gate)
        {
            return _items.FirstOrDefault(i => !i.HasLeft && SameJob(i.JobFullName, jobFullName))?.Id;
        }
    }

    public CancelOutcome Cancel(long id, string reason)
    {
        lock (_gate)
        {
            Expire();
            var index = _items.FindIndex(i => i.Id == id);
            if (index < 0)
            {
                return CancelOutcome.NotFound;
            }

            if (_items[index].HasLeft)
            {
                return CancelOutcome.NotCancellable;
            }

            _items[index] = Cancelled(_items[index], reason);
            Save();
            return CancelOutcome.Cancelled;
        }
    }

    /// <summary>Starts the next build that may start now, if any: takes a free executor and the build's number.</summary>
    public StartedBuild? TryStartNext()
    {
        StartedBuild? started = null;
        lock (_gate)
        {
            Expire();
            if (_quietDown.IsQuietingDown || _node.IsOffline)
            {
                return null;
            }

            var busy = _running.Select(r => r.ExecutorNumber).ToHashSet();
            var free = Enumerable.Range(0, _node.NumExecutors).FirstOrDefault(n => !busy.Contains(n), -1);
            var now = _clock.GetUtcNow();
            for (var index = 0; free >= 0 && index < _items.Count; index++)
            {
                var item = _items[index];
                if (item.HasLeft || item.BuildableAt > now || _holds.Any(h => h.Contains(item.JobFullName)))
                {
                    continue;
                }

                // A rename or delete holds the job until its items have moved or been cancelled: missing means gone.
                var job = _jobs.Find(item.JobFullName);
                if (job is null)
                {
                    _items[index] = Cancelled(item, "the job no longer exists");
                    Save();
                    continue;
                }

                if (!job.Config.IsBuildable)
                {
                    _items[index] = Cancelled(item, "the job cannot be built");
                    Save();
                    continue;
                }

                if (!job.Config.ConcurrentBuild && _running.Any(r => SameJob(r.Record.JobFullName, item.JobFullName)))
                {
                    continue;
                }

                var record = _records.Begin(item, free);
                _items[index] = item with { BuildNumber = record.Number, LeftAt = now };
                started = new StartedBuild(record, item, free);
                _running.Add(started);
                RunningChanged();
                try
                {
                    Save();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The build has begun (its record is on disk) and runs; the queue file catches up at its next save,
                    // and a crash before that finds the build cut off (ABORTED) and the item queued again.
                }

                break;
            }
        }

        return started;
    }

    /// <summary>An executor finished a build: its result is recorded and the executor is free again.</summary>
    public BuildRecord Finish(StartedBuild build, BuildResult result, IReadOnlyList<string> artifacts)
    {
        BuildRecord done;
        try
        {
            done = _records.Complete(build.Record, build.IsAborted ? BuildResult.Aborted : result, artifacts,
                _jobs.Find(build.Record.JobFullName)?.Config.Discarder);
        }
        finally
        {
            lock (_gate)
            {
                _running.Remove(build);
                RunningChanged();
            }

            build.Dispose();
            Changed?.Invoke();
        }

        return done;
    }

    public StopOutcome Stop(string jobFullName, int number)
    {
        lock (_gate)
        {
            if (_running.FirstOrDefault(r => r.Record.Number == number && SameJob(r.Record.JobFullName, jobFullName)) is { } build)
            {
                build.Abort();
                return StopOutcome.Stopping;
            }
        }

        return _records.Find(jobFullName, number) is null ? StopOutcome.NotFound : StopOutcome.NotRunning;
    }

    /// <summary>The running build of a job with this number, if any.</summary>
    public StartedBuild? RunningBuild(string jobFullName, int number)
    {
        lock (_gate)
        {
            return _running.FirstOrDefault(r => r.Record.Number == number && SameJob(r.Record.JobFullName, jobFullName));
        }
    }

    public bool IsBuilding(string jobFullName)
    {
        return _buildingJobs.Contains(jobFullName);
    }

    /// <summary>Keeps these jobs' builds from starting until the hold is disposed (see <see cref="IBuildHold"/>).</summary>
    public IBuildHold Hold(IReadOnlyCollection<string> jobFullNames)
    {
        var held = new HashSet<string>(jobFullNames, StringComparer.OrdinalIgnoreCase);
        lock (_gate)
        {
            _holds.Add(held);
        }

        return new BuildHold(this, held);
    }

    /// <summary>A deleted job: its items are cancelled and its running builds stopped.</summary>
    public void JobDeleted(string jobFullName)
    {
        lock (_gate)
        {
            for (var index = 0; index < _items.Count; index++)
            {
                if (!_items[index].HasLeft && SameJob(_items[index].JobFullName, jobFullName))
                {
                    _items[index] = Cancelled(_items[index], "the job was deleted");
                }
            }

            Save();
            foreach (var build in _running.Where(r => SameJob(r.Record.JobFullName, jobFullName)))
            {
                build.Abort();
            }
        }
    }

    public void JobRenamed(string oldFullName, string newFullName)
    {
        lock (_gate)
        {
            for (var index = 0; index < _items.Count; index++)
            {
                if (SameJob(_items[index].JobFullName, oldFullName))
                {
                    _items[index] = _items[index] with { JobFullName = newFullName };
                }
            }

            Save();
        }
    }

    /// <summary>
    /// Jenkins' <c>quietDown?block=true</c>: waits while Jenkins quiets down and builds still run, at most
    /// <paramref name="timeout"/> when one is given. True when quiet-down holds and nothing runs any more.
    /// </summary>
    public async Task<bool> WaitUntilQuietAsync(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var until = timeout is { } limit ? _clock.GetUtcNow() + limit : DateTimeOffset.MaxValue;
        while (_quietDown.IsQuietingDown && Running.Count > 0 && _clock.GetUtcNow() < until)
        {
            await Task.Delay(QuietPollInterval, _clock, cancellationToken);
        }

        return _quietDown.IsQuietingDown && Running.Count == 0;
    }

    /// <summary>Aborts every running build (the server is stopping).</summary>
    public void AbortAll()
    {
        lock (_gate)
        {
            foreach (var build in _running)
            {
                build.Abort();
            }
        }
    }

    private sealed class BuildHold(BuildQueue queue, IReadOnlySet<string> jobs) : IBuildHold
    {
        // Jenkins polls stopping executors the same way when it deletes an item.
        private static readonly TimeSpan StopPollInterval = TimeSpan.FromMilliseconds(20);

        private bool _released;

        public bool StopRunning(TimeSpan timeout)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            while (true)
            {
                lock (queue._gate)
                {
                    var running = RunningHeld().ToList();
                    if (running.Count == 0)
                    {
                        return true;
                    }

                    running.ForEach(r => r.Abort());
                }

                if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > timeout)
                {
                    return false;
                }

                Thread.Sleep(StopPollInterval);
            }
        }

        public bool RunIfIdle(Action change)
        {
            lock (queue._gate)
            {
                if (RunningHeld().Any())
                {
                    return false;
                }

                change();
                return true;
            }
        }

        public void Dispose()
        {
            lock (queue._gate)
            {
                if (_released)
                {
                    return;
                }

                _released = true;
                queue._holds.Remove(jobs);
            }

            queue.Changed?.Invoke(); // a held item may start now
        }

        // Under the queue's gate.
        private IEnumerable<StartedBuild> RunningHeld() => queue._running.Where(r => jobs.Contains(r.Record.JobFullName));
    }

    private void RunningChanged() =>
        _buildingJobs = _running.Select(r => r.Record.JobFullName).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static bool SameJob(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private QueueItem Cancelled(QueueItem item, string reason) =>
        item with { Cancelled = true, CancelReason = reason, LeftAt = _clock.GetUtcNow() };

    private QueueItemView View(QueueItem item)
    {
        if (item.HasLeft)
        {
            return new QueueItemView(item, QueueItemState.Left, null);
        }

        var now = _clock.GetUtcNow();
        if (item.BuildableAt > now)
        {
            var seconds = (item.BuildableAt - now).TotalSeconds;
            return new QueueItemView(item, QueueItemState.Waiting,
                "In the quiet period. Expires in " + seconds.ToString(seconds < 10 ? "0.#" : "0", CultureInfo.InvariantCulture) + " sec");
        }

        var job = _jobs.Find(item.JobFullName);
        if (job is { Config.ConcurrentBuild: false }
            && _running.FirstOrDefault(r => SameJob(r.Record.JobFullName, item.JobFullName)) is { } blocking)
        {
            return new QueueItemView(item, QueueItemState.Blocked, $"Build #{blocking.Record.Number} is already in progress (ETA: N/A)");
        }

        if (_quietDown.IsQuietingDown)
        {
            return new QueueItemView(item, QueueItemState.Blocked, "Jenkins is about to shut down");
        }

        if (_node.IsOffline)
        {
            return new QueueItemView(item, QueueItemState.Buildable, $"‘{BuiltInNode.DisplayName}’ is offline");
        }

        return new QueueItemView(item, QueueItemState.Buildable,
            _node.NumExecutors == 0 ? "There are no nodes with the label ‘built-in’" : "Waiting for next available executor");
    }

    // Memory only: a read must not fail on a write it did not ask for (the soak saw a full disk answer a queue
    // item's GET with 500). The file's expired items are skipped at load and gone at its next save.
    private void Expire()
    {
        var now = _clock.GetUtcNow();
        _items.RemoveAll(i => i.HasLeft && now - i.LeftAt >= LeftItemLifetime);
    }

    private void Save() => _store.Save(new QueueState(_nextId, [.. _items]));
}
