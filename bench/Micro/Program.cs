using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(JenkinsLite.Bench.Micro.TokenVerification).Assembly).Run(args);
