using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Returns.Data;
using Returns.Domain;
using Returns.Domain.Cases;
using Returns.Web.Infrastructure;

namespace Returns.Web.Features.Cases;

/// <summary>Photos of the problem (POST /cases/{id}/evidence, multipart, parts named <c>file</c>).</summary>
public static class UploadEvidence
{
    public const long MaxFileBytes = 10 * 1024 * 1024;
    public const int MaxFiles = 10;
    public const int MaxFileNameLength = 255;

    public sealed record Upload(string FileName, byte[] Content);

    public sealed record Command(Guid CaseId, IReadOnlyList<Upload> Files, int? ExpectedVersion) : ICaseCommand
    {
        public CaseAction Action => CaseAction.AddEvidence;
    }

    /// <summary>The limits hold for every path that uploads (the API and the console alike).</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Files).Must(f => f.Count > 0).WithMessage("Attach at least one image part named 'file'.")
                .Must(f => f.Count <= MaxFiles).WithMessage($"At most {MaxFiles} images at once.").OverridePropertyName("file");
            RuleFor(c => c.Files).Must(f => f.All(x => x.Content.Length > 0))
                .WithMessage(c => $"'{c.Files.First(x => x.Content.Length == 0).FileName}' is empty.").OverridePropertyName("file");
            // Refused like NUL in any JSON text: nobody names a photo with control characters, and some stores cannot hold NUL.
            RuleFor(c => c.Files).Must(f => f.All(x => !Text.HasControlCharacters(x.FileName)))
                .WithMessage("File names cannot contain NUL or other control characters.").OverridePropertyName("file");
            RuleFor(c => c.Files).Must(f => f.All(x => Text.FitsIn(x.FileName, MaxFileNameLength)))
                .WithMessage($"File names have at most {MaxFileNameLength} characters.").OverridePropertyName("file");
        }
    }

    public sealed class Handler(CaseContext context) : CaseCommandHandler<Command>(context)
    {
        protected override ValueTask Apply(Case @case, Command command, CaseContext context, CancellationToken ct)
        {
            foreach (var file in command.Files)
            {
                var contentType = ImageType.Detect(file.Content)
                    ?? throw new ProblemException(415, "unsupported-media-type", "Unsupported media type",
                        $"'{file.FileName}' is not a JPEG, PNG, GIF or WebP image (checked by content, not by name).");
                var evidence = new EvidenceItem(Guid.CreateVersion7(context.Now), Path.GetFileName(file.FileName), contentType,
                    file.Content.LongLength, context.Actor.Name, context.Now);
                @case.AddEvidence(evidence, context.At(@case));
                context.Db.EvidenceFiles.Add(new EvidenceFile { Id = evidence.Id, CaseId = @case.Id, ContentType = contentType, Content = file.Content });
            }
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// <c>POST /cases/{id}/add-evidence</c>, the action <c>allowedActions</c> names (like every other action), and
    /// <c>/evidence</c>, its first path, kept for the integrations that use it.
    /// </summary>
    public static void MapUpload(RouteGroupBuilder cases)
    {
        Describe(cases.MapPost("{id:guid}/add-evidence", Receive), "AddEvidence");
        Describe(cases.MapPost("{id:guid}/evidence", Receive), "UploadEvidence");
    }

    private static void Describe(RouteHandlerBuilder route, string name) =>
        route.DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithName(name)
            .WithSummary("Attach evidence images (JPEG, PNG, GIF, WebP; ≤ 10 MB each) as parts named 'file'.")
            .Produces<CaseView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<IResult> Receive(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType || !http.Request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new ProblemException(415, "unsupported-media-type", "Unsupported media type", "Send multipart/form-data with parts named 'file'.");
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw ProblemException.Validation("file", "The multipart body is malformed (missing boundary or cut short).");
        }
        var files = form.Files.GetFiles("file");
        var uploads = new List<Upload>();
        foreach (var file in files)
        {
            if (file.Length > MaxFileBytes)
                throw new ProblemException(413, "payload-too-large", "Payload too large", $"'{file.FileName}' is larger than 10 MB.");
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            uploads.Add(new Upload(file.FileName, buffer.ToArray()));
        }
        return CaseEndpoints.Ok(http, await mediator.Send(new Command(id, uploads, CaseEndpoints.IfMatch(http)), ct));
    }

    public static void MapDownload(RouteGroupBuilder cases) =>
        cases.MapGet("{id:guid}/evidence/{evidenceId:guid}", async (Guid id, Guid evidenceId, CaseContext context, HttpContext http, CancellationToken ct) =>
            {
                var visible = await context.Cases.AnyAsync(c => c.Id == id, ct);
                var file = visible ? await context.Db.EvidenceFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == evidenceId && f.CaseId == id, ct) : null;
                file = file
                    ?? throw ProblemException.NotFound($"Evidence {evidenceId} of case {id}");
                // Served as the image it was verified to be, never sniffed into something else.
                http.Response.Headers.XContentTypeOptions = "nosniff";
                return Results.File(file.Content, file.ContentType);
            })
            .WithName("GetEvidence")
            .WithSummary("Download one evidence image.")
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg")
            .ProducesProblem(StatusCodes.Status404NotFound);
}

/// <summary>Recognizes images by their first bytes, not by file name or declared type.</summary>
public static class ImageType
{
    /// <summary>The image types evidence may be (the upload's accepted parts, the download's answers).</summary>
    public static readonly IReadOnlyList<string> ContentTypes = ["image/jpeg", "image/png", "image/gif", "image/webp"];

    public static string? Detect(ReadOnlySpan<byte> content) => content switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0x47, 0x49, 0x46, 0x38, ..] => "image/gif",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => null,
    };
}
