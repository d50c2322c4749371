namespace Returns.Data;

/// <summary>A named counter row; the case number comes from an atomic increment of it.</summary>
public sealed class CaseCounter
{
    public const string CaseNumbers = "case-number";

    public string Name { get; set; } = "";
    public long Value { get; set; }
}

/// <summary>The bytes of an evidence photo, kept apart so that loading a case never loads images.</summary>
public sealed class EvidenceFile
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public string ContentType { get; set; } = "";
    public byte[] Content { get; set; } = [];
}
