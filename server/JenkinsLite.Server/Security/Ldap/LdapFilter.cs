using System.Text;

namespace JenkinsLite.Server.Security.Ldap;

/// <summary>Fills the plugin's filter templates (<c>{0}</c>, <c>{1}</c>) with values escaped as RFC 4515 asks.</summary>
internal static class LdapFilter
{
    public static string Fill(string template, params string[] values)
    {
        var filter = template.Trim();
        for (var i = 0; i < values.Length; i++)
        {
            filter = filter.Replace("{" + i + "}", Escape(values[i]), StringComparison.Ordinal);
        }

        // The plugin accepts "uid={0}"; the protocol wants parentheses.
        return filter.StartsWith('(') ? filter : $"({filter})";
    }

    public static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            escaped.Append(c switch
            {
                '\\' => @"\5c",
                '*' => @"\2a",
                '(' => @"\28",
                ')' => @"\29",
                '\0' => @"\00",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    /// <summary>A group's name from its DN, as the memberOf strategy names it: the value of the first RDN.</summary>
    public static string FirstRdnValue(string dn)
    {
        var end = dn.Length;
        for (var i = 0; i < dn.Length; i++)
        {
            if (dn[i] == '\\')
            {
                i++;
            }
            else if (dn[i] is ',' or '+')
            {
                end = i;
                break;
            }
        }

        var rdn = dn[..end];
        var equals = rdn.IndexOf('=', StringComparison.Ordinal);
        return (equals >= 0 ? rdn[(equals + 1)..] : rdn).Trim().Replace("\\", string.Empty, StringComparison.Ordinal);
    }
}
