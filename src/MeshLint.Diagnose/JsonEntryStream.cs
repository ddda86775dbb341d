using System.Text.Json;

namespace MeshLint.Diagnose;

/// <summary>
/// Streams the entries of a JSON export without building a DOM for the whole file:
/// a top-level array (gcloud logging read --format=json), the "items" array of a top-level
/// object (kubectl get events -o json, kind List or EventList), or one or more top-level
/// objects (a single entry, or newline-delimited JSON as written by Cloud Logging sinks).
/// Only one entry at a time is parsed into a JsonDocument, so a multi-GB export needs
/// memory for its largest entry, not for the file.
/// </summary>
internal static class JsonEntryStream
{
    private const int MaxEntryBytes = 256 * 1024 * 1024;

    private enum Position
    {
        TopLevel,
        InTopArray,
        InTopObject,
        InItems,
        AfterItems,
    }

    /// <returns>null when the whole stream was read, otherwise what is wrong and where.</returns>
    public static string? Read(Stream stream, Action<int, JsonElement> onEntry, int initialBufferSize = 64 * 1024)
    {
        var buffer = new byte[Math.Max(initialBufferSize, 16)];
        var length = 0;
        var start = 0;
        var retain = -1;
        long discardedBytes = 0;
        long discardedNewlines = 0;
        var endOfStream = false;
        var state = new JsonReaderState(new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip });
        var position = Position.TopLevel;
        var index = 0;
        var sawValue = false;

        Fill();
        while (true)
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(start, length - start), endOfStream, state);
            var needMore = false;
            try
            {
                while (!needMore)
                {
                    var stateBefore = reader.CurrentState;
                    var consumedBefore = (int)reader.BytesConsumed;
                    if (!reader.Read())
                    {
                        if (endOfStream)
                        {
                            return position switch
                            {
                                _ when !sawValue => "the file holds no JSON value",
                                Position.TopLevel => null,
                                _ => $"entry [{index}]: the JSON ends in the middle of the document (truncated export?)",
                            };
                        }

                        Rewind(stateBefore, consumedBefore);
                        break;
                    }

                    sawValue = true;
                    switch (position)
                    {
                        case Position.TopLevel:
                            if (reader.TokenType == JsonTokenType.StartArray)
                            {
                                position = Position.InTopArray;
                            }
                            else if (reader.TokenType == JsonTokenType.StartObject)
                            {
                                position = Position.InTopObject;
                                retain = start + (int)reader.TokenStartIndex;
                            }
                            else
                            {
                                return "expected a JSON array or object at the top level";
                            }

                            break;

                        case Position.InTopArray or Position.InItems:
                            if (reader.TokenType == JsonTokenType.EndArray)
                            {
                                position = position == Position.InItems ? Position.AfterItems : Position.TopLevel;
                                break;
                            }

                            var probe = reader;
                            if (!probe.TrySkip())
                            {
                                Rewind(stateBefore, consumedBefore);
                                break;
                            }

                            var entryStart = start + (int)reader.TokenStartIndex;
                            var entryEnd = start + (int)probe.BytesConsumed;
                            Deliver(entryStart, entryEnd);
                            reader = probe;
                            break;

                        case Position.InTopObject or Position.AfterItems:
                            if (reader.TokenType == JsonTokenType.EndObject)
                            {
                                if (position == Position.InTopObject)
                                {
                                    // No "items" array: the object is an entry itself.
                                    Deliver(retain, start + (int)reader.BytesConsumed);
                                }

                                retain = -1;
                                position = Position.TopLevel;
                                break;
                            }

                            var isItems = position == Position.InTopObject && reader.ValueTextEquals("items"u8);
                            var valueProbe = reader;
                            if (!valueProbe.Read())
                            {
                                Rewind(stateBefore, consumedBefore);
                                break;
                            }

                            if (isItems && valueProbe.TokenType == JsonTokenType.StartArray)
                            {
                                retain = -1;
                                position = Position.InItems;
                                reader = valueProbe;
                                break;
                            }

                            if (!valueProbe.TrySkip())
                            {
                                Rewind(stateBefore, consumedBefore);
                                break;
                            }

                            reader = valueProbe;
                            break;
                    }

                    void Rewind(JsonReaderState before, int consumed)
                    {
                        state = before;
                        start += consumed;
                        needMore = true;
                    }
                }
            }
            catch (JsonException ex)
            {
                var errorAt = start + (int)reader.BytesConsumed;
                var line = discardedNewlines + 1 + buffer.AsSpan(0, Math.Min(errorAt, length)).Count((byte)'\n');
                var reason = ex.Message;
                var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
                return $"entry [{index}]: invalid JSON at line {line} (byte {discardedBytes + errorAt}): {(cut > 0 ? reason[..cut] : reason)}";
            }

            if (!needMore)
            {
                continue;
            }

            var keepFrom = retain >= 0 ? Math.Min(retain, start) : start;
            if (keepFrom == 0 && length == buffer.Length)
            {
                if (buffer.Length >= MaxEntryBytes)
                {
                    return $"entry [{index}] is larger than {MaxEntryBytes / (1024 * 1024)} MB";
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }
            else if (keepFrom > 0)
            {
                discardedNewlines += buffer.AsSpan(0, keepFrom).Count((byte)'\n');
                discardedBytes += keepFrom;
                Buffer.BlockCopy(buffer, keepFrom, buffer, 0, length - keepFrom);
                length -= keepFrom;
                start -= keepFrom;
                if (retain >= 0)
                {
                    retain -= keepFrom;
                }
            }

            if (endOfStream)
            {
                return $"entry [{index}]: the JSON ends in the middle of the document (truncated export?)";
            }

            Fill();
        }

        void Fill()
        {
            while (length < buffer.Length)
            {
                var read = stream.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    endOfStream = true;
                    return;
                }

                length += read;
            }
        }

        void Deliver(int from, int to)
        {
            using var document = JsonDocument.Parse(buffer.AsMemory(from, to - from), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            onEntry(index, document.RootElement);
            index++;
        }
    }
}
