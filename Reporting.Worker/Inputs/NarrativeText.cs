using System.Text.RegularExpressions;
using Reporting.Templates.Model;

namespace Reporting.Worker.Inputs;

/// <summary>
/// Plain text as a unit types it into blocks of the model: each line is a paragraph; consecutive lines that start
/// with a bullet mark ("- ", "+ ", "• ", "* ", "– ") form one bullet list (the mark is dropped); blank lines only
/// separate. Nothing else is interpreted: "&lt;b&gt;" stays five characters of text.
/// </summary>
public static partial class NarrativeText
{
    public static IReadOnlyList<NarrativeBlock> Parse(string text)
    {
        var blocks = new List<NarrativeBlock>();
        var bullets = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var bullet = BulletLine().Match(line);
            if (bullet.Success)
            {
                bullets.Add(bullet.Groups[1].Value.Trim());
                continue;
            }

            Flush();
            if (line.Length > 0)
            {
                blocks.Add(new Paragraph(line));
            }
        }

        Flush();
        return blocks;

        void Flush()
        {
            if (bullets.Count > 0)
            {
                blocks.Add(new BulletList(bullets.ToList()));
                bullets.Clear();
            }
        }
    }

    [GeneratedRegex(@"^[-+•*–]\s+(\S.*)$")]
    private static partial Regex BulletLine();
}
