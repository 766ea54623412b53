using Reporting.Worker.Cli;

// verb -> host -> run. Every verb is a class in Cli/ (see VerbTable); wiring lives in ReportingHost.
return await VerbTable.RunAsync(args, Console.Out, Console.Error);
