// Reserve $n sequence numbers. The write lock on the counter is held until the transaction
// commits, so numbers become visible in order: a reader paging by seq never skips one.
MERGE (s:ChangeSequence {name: 'changes'})
SET s.last = coalesce(s.last, 0) + $n
RETURN s.last - $n AS base
