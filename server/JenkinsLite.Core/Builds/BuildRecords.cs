using System.Collections.Concurrent;
using System.Collections.Immutable;
using JenkinsLite.Core.Jobs;

namespace JenkinsLite.Core.Builds;

/// <summary>
/// Every job's builds, loaded from the store on first use and kept in memory. Build numbers are taken
/// here, when a build starts (decisions.md #14). A build found unfinished on load was running when the
/// server stopped: it is marked ABORTED, as Jenkins does. A job's list is an immutable snapshot replaced on
/// every change, so readers (every job's colour on every <c>/api/json</c>) take it without copying.
/// </summary>
public sealed class BuildRecords(IBuildStore store, TimeProvider clock)
{
    private const string AbortedAtRestart = "\nThe server stopped while this build was running.\nFinished: ABORTED\n";

    // Changed under the gate only; read without it once a job is loaded (Of), as its list is replaced whole.
    private readonly ConcurrentDictionary<string, JobBuilds> _jobs = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    // Ended builds whose build.xml could not be written (a full disk): saved again at the next write.
    private readonly HashSet<(string Job, int Number)> _unsavedEnds = [];

    /// <summary>Newest first.</summary>
    public IReadOnlyList<BuildRecord> Of(string jobFullName)
    {
        if (_jobs.TryGetValue(jobFullName, out var loaded))
        {
            return loaded.Listed;
        }

        lock (_gate)
        {
            return Job(jobFullName).Listed;
        }
    }

    public int NextBuildNumber(string jobFullName)
    {
        lock (_gate)
        {
            return Job(jobFullName).Next;
        }
    }

    public BuildRecord? Find(string jobFullName, int number)
    {
        lock (_gate)
        {
            return Job(jobFullName).Records.FirstOrDefault(b => b.Number == number);
        }
    }

    /// <summary>Jenkins' permalinks (lastBuild, lastSuccessfulBuild, …); null when there is none or the name is not one.</summary>
    public BuildRecord? Permalink(string jobFullName, string name)
    {
        var builds = Of(jobFullName);
        var completed = builds.Where(b => !b.Building);
        return name switch
        {
            "lastBuild" => builds.Count > 0 ? builds[0] : null,
            "firstBuild" => builds.Count > 0 ? builds[^1] : null,
            "lastCompletedBuild" => completed.FirstOrDefault(),
            "lastSuccessfulBuild" => completed.FirstOrDefault(b => b.Result is BuildResult.Success or BuildResult.Unstable),
            "lastStableBuild" => completed.FirstOrDefault(b => b.Result == BuildResult.Success),
            "lastUnstableBuild" => completed.FirstOrDefault(b => b.Result == BuildResult.Unstable),
            "lastFailedBuild" => completed.FirstOrDefault(b => b.Result == BuildResult.Failure),
            "lastUnsuccessfulBuild" => completed.FirstOrDefault(b => b.Result != BuildResult.Success),
            _ => null,
        };
    }

    public static bool IsPermalink(string name) => name is "lastBuild" or "firstBuild" or "lastCompletedBuild" or "lastSuccessfulBuild"
        or "lastStableBuild" or "lastUnstableBuild" or "lastFailedBuild" or "lastUnsuccessfulBuild";

    /// <summary>Starts a build of a queue item: takes the next number, writes the record and the first console lines.</summary>
    public BuildRecord Begin(QueueItem item, int executorNumber)
    {
        lock (_gate)
        {
            SaveUnsavedEnds();
            var job = Job(item.JobFullName);
            var number = job.Next;
            store.SaveNextBuildNumber(item.JobFullName, number + 1);
            job.Next = number + 1;
            var record = new BuildRecord(item.JobFullName, number, item.Id, clock.GetUtcNow(), TimeSpan.Zero, null, true,
                item.Causes, item.Parameters, [], null, false) { ExecutorNumber = executorNumber };
            store.Begin(record, string.Concat(item.Causes.Select(c => c.ShortDescription + "\n")));
            job.Records = job.Records.Insert(0, record);
            return record;
        }
    }

    /// <summary>
    /// Records the result, then applies the job's build discarder. It starts from the stored record, not
    /// <paramref name="running"/>: what was changed while the build ran (description, keep forever, name) stays.
    /// </summary>
    public BuildRecord Complete(BuildRecord running, BuildResult result, IReadOnlyList<string> artifacts, BuildDiscarder? discarder)
    {
        lock (_gate)
        {
            var job = Job(running.JobFullName);
            var current = job.Records.FirstOrDefault(b => b.Number == running.Number);
            var done = (current ?? running) with
            {
                Result = result,
                Building = false,
                Duration = clock.GetUtcNow() - running.Timestamp,
                Artifacts = artifacts,
                ExecutorNumber = null,
            };
            if (current is null)
            {
                return done; // the job was deleted meanwhile: writing would bring its folder back
            }

            // The build has ended whatever the disk says: shown so at once, or it would look running for good.
            Replace(job, done);
            SaveUnsavedEnds();
            try
            {
                store.Save(done);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _unsavedEnds.Add((done.JobFullName, done.Number));
                throw;
            }

            if (discarder is not null)
            {
                Discard(running.JobFullName, job, discarder);
            }

            return done;
        }
    }

    /// <summary>
    /// Changes a build's metadata (description, keep forever, display name), running or finished: build.xml is
    /// saved, then the new record is what everyone sees. Null when the job has no such build.
    /// </summary>
    public BuildRecord? Update(string jobFullName, int number, Func<BuildRecord, BuildRecord> change)
    {
        lock (_gate)
        {
            var job = Job(jobFullName);
            if (job.Records.FirstOrDefault(b => b.Number == number) is not { } record)
            {
                return null;
            }

            var changed = change(record);
            if (changed.Number != record.Number || changed.JobFullName != record.JobFullName)
            {
                throw new ArgumentException("A change may not move a build to another job or number.", nameof(change));
            }

            store.Save(changed);
            Replace(job, changed);
            return changed;
        }
    }

    public DeleteBuildOutcome Delete(string jobFullName, int number)
    {
        lock (_gate)
        {
            var job = Job(jobFullName);
            var record = job.Records.FirstOrDefault(b => b.Number == number);
            if (record is null)
            {
                return DeleteBuildOutcome.NotFound;
            }

            if (record.Building)
            {
                return DeleteBuildOutcome.Building;
            }

            store.Delete(jobFullName, number);
            job.Records = job.Records.Remove(record);
            return DeleteBuildOutcome.Deleted;
        }
    }

    /// <summary>Forgets a job's builds in memory (deleted or renamed: the store is read again on next use).</summary>
    public void Forget(string jobFullName)
    {
        lock (_gate)
        {
            _jobs.TryRemove(jobFullName, out _);
        }
    }

    private void Discard(string jobFullName, JobBuilds job, BuildDiscarder discarder)
    {
        var (builds, artifacts) = BuildDiscarding.Select(job.Records, discarder, clock.GetUtcNow());
        foreach (var number in builds)
        {
            store.Delete(jobFullName, number);
            job.Records = job.Records.RemoveAll(b => b.Number == number);
        }

        foreach (var number in artifacts)
        {
            store.DeleteArtifacts(jobFullName, number);
            if (job.Records.FirstOrDefault(b => b.Number == number) is { } record)
            {
                Replace(job, record with { Artifacts = [] });
            }
        }
    }

    private static void Replace(JobBuilds job, BuildRecord record)
    {
        for (var index = 0; index < job.Records.Length; index++)
        {
            if (job.Records[index].Number == record.Number)
            {
                job.Records = job.Records.SetItem(index, record);
                return;
            }
        }
    }

    // Best effort: a record still unsaved stays pending (a restart before it is saved finds it ABORTED).
    private void SaveUnsavedEnds()
    {
        foreach (var (jobName, number) in _unsavedEnds.ToList())
        {
            if (Job(jobName).Records.FirstOrDefault(b => b.Number == number) is not { } record)
            {
                _unsavedEnds.Remove((jobName, number)); // deleted meanwhile
                continue;
            }

            try
            {
                store.Save(record);
                _unsavedEnds.Remove((jobName, number));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return; // the disk is still failing: try again at the next write
            }
        }
    }

    private JobBuilds Job(string jobFullName)
    {
        if (_jobs.TryGetValue(jobFullName, out var job))
        {
            return job;
        }

        var stored = store.Load(jobFullName);
        var records = ImmutableArray.CreateBuilder<BuildRecord>(stored.Records.Count);
        foreach (var record in stored.Records.OrderByDescending(r => r.Number))
        {
            if (record.Result is null || record.Building)
            {
                // Nothing runs in this process for a job loaded only now: it was running when the server stopped.
                var aborted = record with { Result = BuildResult.Aborted, Building = false, ExecutorNumber = null };
                store.AppendConsole(jobFullName, record.Number, AbortedAtRestart);
                store.Save(aborted);
                records.Add(aborted);
            }
            else
            {
                records.Add(record);
            }
        }

        var next = Math.Max(stored.NextBuildNumber, records.Count == 0 ? 1 : records[0].Number + 1);
        job = new JobBuilds(records.DrainToImmutable(), next);
        _jobs[jobFullName] = job;
        return job;
    }

    private sealed class JobBuilds(ImmutableArray<BuildRecord> records, int next)
    {
        private ImmutableArray<BuildRecord> _records = records;

        /// <summary>Newest first; replaced, never changed in place.</summary>
        public ImmutableArray<BuildRecord> Records
        {
            get => _records;
            set
            {
                _records = value;
                Listed = value;
            }
        }

        /// <summary>The records as a list, boxed once per change rather than on every read (every job's colour, every /api/json).</summary>
        public IReadOnlyList<BuildRecord> Listed { get; private set; } = records;

        public int Next { get; set; } = next;
    }
}
