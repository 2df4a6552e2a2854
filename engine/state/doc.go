// Package state keeps the system state that libsinsp derives from events: the thread table (with each
// process's file descriptors and working directory), users and groups, and container ids from cgroups.
//
// A Table is seeded from snapshot records (.scap process, fd and user lists, or a /proc scan) and kept up to
// date by Table.Apply for every event, before the event is evaluated; removal of exited threads is deferred to
// the next event so rules on procexit still see the process. Memory stays bounded: the table holds at most
// Options.MaxThreads threads and each process at most Options.MaxFDs descriptors, and threads without events
// for Options.ThreadTimeout are purged, as libsinsp does. A Table is not safe for concurrent use.
package state
