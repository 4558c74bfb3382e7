/**
 * The hot tier in DynamoDB: tables as Calcite relations, the item codec, the control-table
 * manifest store.
 *
 * <h2>Layout</h2>
 * Partition key: the table's partition-key column (S). Sort key {@code sort_key} (S):
 * {@code <uuuu-MM-ddTHH:mm:ss.SSSZ>#<rest of the key>}, so a sort-key range is a time range.
 * GSI {@code by_day}: ({@code event_day} = {@code uuuu-MM-dd}, {@code sort_key}), projection
 * ALL, for time ranges across partitions.
 *
 * <h2>Access paths</h2>
 * Chosen at execution from the pushed filters with bind values and CURRENT_TIMESTAMP known
 * ({@code DynamoDbAccessPathChooser}; EXPLAIN shows the choice with its requests):
 * <ol>
 *   <li>no request when nothing can match;
 *   <li>{@code GetItem} when partition key, time and every other key column are fixed;
 *   {@code BatchGetItem} for up to 1000 such keys (IN lists, ORs of full keys), 100 per request,
 *   unprocessed keys sent again after an exponential backoff;
 *   <li>{@code Query} per partition value (up to 16), the time range as
 *   {@code sort_key BETWEEN :from AND :to}, both ends exact: {@code t > x} starts at
 *   {@code x + 1 ms}, {@code t <= y} ends at {@code y} followed by {@code ~} (above every
 *   {@code #suffix} of that millisecond);
 *   <li>{@code Query} on {@code by_day}, one per day the time range touches, clipped to the
 *   day, when the range is bounded on both sides and touches at most
 *   {@code stores.dynamodb.max-day-buckets} days (default 7). Not for a consistent read: a GSI
 *   has none; and its reads are eventually consistent;
 *   <li>else a parallel {@code Scan} ({@code stores.dynamodb.scan-segments}, default 4), each
 *   segment streamed by its own thread into one bounded buffer.
 * </ol>
 * Query and Scan carry a {@code FilterExpression} of the filters it can express exactly (see
 * {@code DynamoDbFilterExpression}); the reader still applies every filter to each row. All names
 * and values are placeholders. {@code stores.dynamodb.consistent-read} (default false) sets
 * ConsistentRead; {@code stores.dynamodb.retry-mode} ({@code standard}, default, or
 * {@code adaptive}) is the SDK's retry strategy for throttling and transient errors.
 *
 * <h2>Planning: the DynamoDbRel convention</h2>
 * A scan plans as {@code DynamoDbTableScan}; {@code DynamoDbRules} decides what it takes over:
 * filters whole ({@code DynamoDbFilter}: the converter compiles them into the row predicate the
 * reader applies), the columns read ({@code DynamoDbProject}, also under an aggregate), and
 * LIMIT/OFFSET ({@code DynamoDbLimit}) when no order is asked for, or ascending time with the
 * partition key fixed (one partition's Query yields sort-key order; should execution pick
 * BatchGetItem instead, the reader sorts). Query and Scan pages then carry {@code Limit}
 * (offset + fetch; DynamoDB counts items before the FilterExpression) and the reader stops
 * paging once it has returned {@code fetch} rows that passed every filter.
 * {@code DynamoDbToEnumerableConverter} is the one boundary to Calcite's engine and gives
 * EXPLAIN (through the tier guard) the request.
 *
 * <h2>Read-through cache</h2>
 * With {@code stores.dynamodb.cache.enabled}, the GetItem and BatchGetItem paths read through
 * Redis ({@code DynamoDbReadThroughCache}): whole items (DynamoDB JSON) and absences, keyed by
 * epoch, table and item key, for {@code ttl}; misses read consistently. Applications write
 * DynamoDB directly (ADR-002), so changes are learnt from the table's stream
 * ({@code DynamoDbStreamInvalidator}); Tiergate's INSERT invalidates at once too.
 * <ul>
 *   <li><b>Bound.</b> A change is not served after {@code max-staleness} (S): the cache is
 *   served only while a poll that read every shard to its end started within S/2, leaving S/2
 *   for the change to reach the stream (DynamoDB documents near real time; Local at once).
 *   <li><b>Race.</b> An invalidation writes a fresh tombstone; a reader fills a key only if it
 *   still holds what the reader saw before reading DynamoDB (a script, compare-and-set), so a
 *   reader returning with an old value after an invalidation fills nothing.
 *   <li><b>Redis down or slow.</b> A failure or {@code redis-timeout} opens a circuit for 1 s
 *   (lookups read DynamoDB, invalidations are dropped) and moves the cache to a new epoch, so
 *   entries that missed invalidations are never read again. Losing the stream position does
 *   the same.
 * </ul>
 * EXPLAIN prefixes a point lookup with {@code read-through cache (...)}; lookups are counted in
 * {@code tiergate_hot_cache_lookups_total{table, result=hit|miss|bypass}}.
 *
 * <h2>Type mapping</h2>
 * <table>
 *   <caption>SQL column type and DynamoDB attribute</caption>
 *   <tr><th>SQL</th><th>written as</th><th>read from</th></tr>
 *   <tr><td>VARCHAR</td><td>S</td><td>S as is; N as its digits; B as base64; BOOL as
 *   {@code true}/{@code false}; M as a JSON object (keys sorted); L, SS, NS, BS as JSON
 *   arrays (N with all its digits, B as base64)</td></tr>
 *   <tr><td>BIGINT, INTEGER</td><td>N</td><td>N</td></tr>
 *   <tr><td>DOUBLE</td><td>N ({@code Double.toString})</td><td>N</td></tr>
 *   <tr><td>BOOLEAN</td><td>BOOL</td><td>BOOL</td></tr>
 *   <tr><td>TIMESTAMP</td><td>N, epoch milliseconds (UTC)</td><td>N</td></tr>
 *   <tr><td>DATE</td><td>N, epoch days</td><td>N</td></tr>
 * </table>
 * A missing attribute or NULL reads as SQL NULL; a SQL NULL is not written. Any other
 * attribute type under a non-VARCHAR column is an error naming table, attribute, expected and
 * found type. A filter comparing a VARCHAR column with a number ({@code tenant_id = 5}) casts
 * the column: it is no key, and a non-numeric value is an error naming the column and the fix.
 */
package io.tiergate.adapter.dynamodb;
