using System.Security.Cryptography;
using MimeKit;
using Reporting.Worker.Pipeline;

namespace Reporting.Worker.Deliver;

/// <summary>
/// The e-mail that carries an issued report: Vietnamese subject and body in UTF-8, the issued PDF and XLSX
/// attached byte for byte, and a Message-ID derived from (version, recipient).
/// </summary>
public static class ReportMail
{
    /// <summary>"Báo cáo kết quả thực hiện công tác CCHC năm 2026 - Sở Nội vụ - Số 15/BC-SNV".</summary>
    public static string Subject(ReportVersion version, string issuerName) =>
        $"Báo cáo kết quả thực hiện công tác CCHC {VietnameseText.PeriodLabel(version.Key.Kind, version.Key.PeriodCode)} - {issuerName} - Số {version.DocumentNumberText}";

    public static MimeMessage Compose(
        ReportVersion version, string issuerName, Recipient recipient, IReadOnlyList<DeliveredFile> files, SmtpOptions smtp)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(smtp.FromName, smtp.From));
        message.To.Add(new MailboxAddress(recipient.Label ?? issuerName, recipient.Address));
        message.Subject = Subject(version, issuerName);
        message.MessageId = MessageIds.ForReport(version.Id, version.Version, recipient.Address, smtp.MessageIdDomain);
        // The issue date, not the send time: a re-send is the same message.
        message.Date = Calendar.CivilTime.StartOf(version.IssueDate);
        message.Headers.Add("X-Reporting-Version", $"{version.Id}; {version.FileStem}");

        var period = VietnameseText.PeriodLabel(version.Key.Kind, version.Key.PeriodCode);
        var lines = new List<string>
        {
            $"Kính gửi: {recipient.Label ?? issuerName}.",
            "",
            $"{issuerName} gửi Báo cáo số {version.DocumentNumberText} {VietnameseText.Date(version.IssueDate)} về kết quả thực hiện công tác cải cách hành chính {period} (phiên bản {version.Version}).",
            "",
            "Tệp đính kèm:",
        };
        lines.AddRange(files.Select(f =>
            $"- {f.FileName} ({VietnameseText.Size(f.Content.LongLength)} byte, SHA-256 {Convert.ToHexString(SHA256.HashData(f.Content)).ToLowerInvariant()})"));
        lines.Add("");
        lines.Add("Thư này do hệ thống báo cáo CCHC gửi tự động; nếu nhận được hai thư cùng Message-ID, đó là một lần gửi lại của cùng văn bản.");

        var body = new BodyBuilder { TextBody = string.Join("\r\n", lines).Normalize(System.Text.NormalizationForm.FormC) };
        foreach (var file in files)
        {
            body.Attachments.Add(file.FileName, file.Content, ContentType.Parse(file.ContentType));
        }

        message.Body = body.ToMessageBody();
        return message;
    }
}
