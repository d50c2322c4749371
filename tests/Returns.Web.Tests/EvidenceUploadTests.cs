using System.Net;
using System.Net.Http.Headers;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests;

/// <summary>
/// <c>POST /cases/{id}/evidence</c> refused over HTTP: multipart only, images checked by content, and a refused upload
/// attaches nothing.
/// </summary>
public abstract class EvidenceUploadTests(ReturnsApp app) : InputSuite(app)
{
    [SkippableFact]
    public async Task Text_file_named_like_a_photo_is_415()
    {
        var id = await NewCase(reason: "quality.defective");
        var reply = await RefusedAction(id, () => Agent.UploadEvidence(id, "这不是照片"u8.ToArray(), "photo.jpg", "image/jpeg"));
        AssertProblem(reply, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [SkippableFact]
    public async Task Photo_next_to_a_text_file_is_not_kept_when_the_upload_is_refused()
    {
        var id = await NewCase(reason: "quality.defective");
        var reply = await RefusedAction(id, () =>
        {
            var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(Api.Jpeg) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }, "file", "good.jpg" },
                { new ByteArrayContent("<html></html>"u8.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }, "file", "bad.jpg" },
            };
            return Agent.Send(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/evidence") { Content = form });
        });
        AssertProblem(reply, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [SkippableFact]
    public async Task Evidence_sent_as_json_is_415_and_told_to_send_multipart()
    {
        var id = await NewCase(reason: "quality.defective");
        var reply = await RefusedAction(id, () => Agent.Post($"cases/{id}/evidence", "{\"file\": \"/9j/4AAQ\"}"));
        AssertProblem(reply, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Contains("multipart/form-data", reply.Body!["detail"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Evidence_sent_as_a_url_encoded_form_is_415()
    {
        var id = await NewCase(reason: "quality.defective");
        var reply = await RefusedAction(id, () => Agent.Send(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/evidence")
        {
            Content = new FormUrlEncodedContent([new("file", "photo.jpg")]),
        }));
        AssertProblem(reply, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [SkippableFact]
    public async Task Evidence_without_a_file_part_is_refused()
    {
        var id = await NewCase(reason: "quality.defective");
        var reply = await RefusedAction(id, () =>
        {
            var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(Api.Jpeg) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }, "photo", "photo.jpg" },
                { new StringContent("开线处"), "caption" },
            };
            return Agent.Send(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/evidence") { Content = form });
        });
        AssertValidation(reply, "file");
    }

    [SkippableFact]
    public async Task Empty_evidence_file_is_refused()
    {
        var id = await NewCase(reason: "quality.defective");
        var reply = await RefusedAction(id, () => Agent.UploadEvidence(id, []));
        AssertValidation(reply, "file");
    }

    [SkippableFact]
    public async Task Multipart_without_a_boundary_is_refused()
    {
        var id = await NewCase(reason: "quality.defective");
        var reply = await RefusedAction(id, () => Agent.Send(Multipart(id, "multipart/form-data", "garbage"u8.ToArray())));
        AssertProblem(reply, HttpStatusCode.BadRequest, "validation-failed");
    }

    [SkippableFact]
    public async Task Truncated_multipart_body_is_refused()
    {
        var id = await NewCase(reason: "quality.defective");
        byte[] body = [.. "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"u8, .. Api.Jpeg];
        var reply = await RefusedAction(id, () => Agent.Send(Multipart(id, "multipart/form-data; boundary=XYZ", body)));
        AssertProblem(reply, HttpStatusCode.BadRequest, "validation-failed");
    }

    [SkippableTheory]
    [InlineData("add-evidence")]
    [InlineData("evidence")]
    public async Task Both_paths_of_add_evidence_keep_the_photo_and_answer_with_the_case(string path)
    {
        var id = await NewCase();
        var reply = await Agent.UploadEvidence(id, Api.Jpeg, "正面.jpg", path: path);
        Assert.Equal(System.Net.HttpStatusCode.OK, reply.Status);
        Assert.Equal("正面.jpg", reply.Body!["evidence"]!.AsArray().Single()!["fileName"]!.GetValue<string>());
        Assert.Equal(reply.Body.ToJsonString(), (await Agent.Case(id)).Body!.ToJsonString());
    }

    [SkippableTheory]
    [InlineData("add-evidence")]
    [InlineData("evidence")]
    public async Task A_three_megabyte_photo_is_accepted_on_both_paths(string path)
    {
        // Far above the 1 MB a JSON body may have: the evidence limit (10 MB a file) applies to both paths.
        var photo = new byte[3 * 1024 * 1024];
        Api.Jpeg.CopyTo(photo, 0);
        var id = await NewCase();
        var reply = await Agent.UploadEvidence(id, photo, path: path);
        Assert.Equal(System.Net.HttpStatusCode.OK, reply.Status);
        Assert.Equal(photo.Length, reply.Body!["evidence"]!.AsArray().Single()!["size"]!.GetValue<long>());
    }

    [SkippableFact]
    public async Task Evidence_for_an_unknown_case_is_404()
    {
        AssertProblem(await Agent.UploadEvidence(Guid.NewGuid(), Api.Jpeg), HttpStatusCode.NotFound, "not-found");
    }
}

public sealed class SqliteEvidenceUploadTests(SqliteApp app) : EvidenceUploadTests(app), IClassFixture<SqliteApp>;
