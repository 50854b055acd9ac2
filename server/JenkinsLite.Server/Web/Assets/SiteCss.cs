namespace JenkinsLite.Server.Web.Assets;

/// <summary>
/// The pages' stylesheet (served by <see cref="StaticAssets"/>). Jenkins' classic colours (api-tokens.md) mark
/// token ages as an underline; text and badges use darker shades of them that keep WCAG AA contrast (4.5:1).
/// </summary>
internal static class SiteCss
{
    public const string Text = """
        :root { --grey: #6d7680; --orange: #e09307; --red: #de6868; --orange-text: #8a5a00; --red-text: #c4232d; --warn-border: #ffe262; --ok: #1a7f37; --link: #2e5ea8; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; background: #f6f7f9; }
        header { display: flex; align-items: center; justify-content: space-between; padding: .6rem 1.2rem; background: #15171a; color: #fff; }
        header a, header .link { color: #fff; }
        header nav { display: flex; gap: 1rem; align-items: center; }
        .brand { font-weight: 700; text-decoration: none; font-size: 1.1rem; }
        main { max-width: 980px; margin: 1.5rem auto; padding: 0 1.2rem; }
        h1 { font-size: 1.5rem; margin: 0 0 1rem; }
        h2 { font-size: 1.15rem; margin: 0 0 .6rem; }
        a { color: var(--link); }
        section.panel { background: #fff; border: 1px solid #dfe2e6; border-radius: 8px; padding: 1rem 1.2rem; margin-bottom: 1.2rem; }
        .help, .muted { color: var(--grey); }
        .notice { padding: .6rem .8rem; border-radius: 6px; background: #eef3fb; margin: .6rem 0; }
        .error { background: #fdecec; color: #8c1d1d; }
        .success { background: #e9f7ee; color: #135c2c; }
        .warning { background: #fff8db; border: 1px solid var(--warn-border); }
        .field-message { margin: .2rem 0 .6rem; min-height: 1.4em; color: var(--grey); }
        .field-message.error { background: none; color: var(--red-text); }
        fieldset { border: 1px solid #dfe2e6; border-radius: 6px; margin: .8rem 0; }
        legend { font-weight: 600; }
        form.inline { display: inline; margin: 0; }
        label { display: block; margin: .4rem 0 .15rem; font-weight: 600; }
        label.field > input, label.field > select, label.field > textarea { display: block; margin-top: .15rem; font-weight: 400; }
        label.check { display: flex; gap: .5rem; font-weight: 400; align-items: center; }
        input[type=text], input[type=password], input[type=date], select, textarea { font: inherit; padding: .35rem .5rem; border: 1px solid #c4c9d0; border-radius: 5px; min-width: 16rem; }
        button { font: inherit; padding: .35rem .8rem; border-radius: 5px; border: 1px solid #c4c9d0; background: #fff; cursor: pointer; }
        button.primary { background: #2e5ea8; border-color: #2e5ea8; color: #fff; }
        button.danger { color: #a4161a; }
        button.link { border: 0; background: none; padding: 0; text-decoration: underline; }
        .row { display: flex; gap: .6rem; align-items: end; flex-wrap: wrap; }
        ul.tokens { list-style: none; padding: 0; margin: 0; }
        li.token { display: grid; grid-template-columns: 1fr auto; gap: .2rem 1rem; padding: .7rem .8rem; border: 1px solid #e3e6ea; border-radius: 6px; margin-bottom: .5rem; }
        li.token.legacy-token { border: 2px solid var(--warn-border); background: #fffdf2; }
        .token-name { font-weight: 600; }
        .token-facts { grid-column: 1; display: flex; gap: 1.2rem; flex-wrap: wrap; font-size: .9rem; }
        .token-actions { grid-column: 2; grid-row: 1 / span 2; display: flex; gap: .4rem; align-items: center; }
        .age-none { color: var(--grey); }
        .age-orange { color: var(--orange-text); font-weight: 600; border-bottom: 3px solid var(--orange); }
        .age-red { color: var(--red-text); font-weight: 600; border-bottom: 3px solid var(--red); }
        .warn-sign { color: var(--orange-text); font-weight: 700; }
        textarea.code, pre#config-xml { font: .95rem ui-monospace, SFMono-Regular, Menlo, monospace; width: 100%; box-sizing: border-box; }
        .field { margin: .4rem 0; } .field > label { display: block; font-weight: 600; }
        .new-token code { display: inline-block; font: 1rem ui-monospace, SFMono-Regular, Menlo, monospace; padding: .3rem .5rem; background: #f1f3f5; border-radius: 4px; user-select: all; }
        table { width: 100%; border-collapse: collapse; }
        th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
        .result-SUCCESS { color: var(--ok); } .result-FAILURE { color: var(--red-text); } .result-UNSTABLE { color: var(--orange-text); } .result-ABORTED, .result-NOT_BUILT { color: var(--grey); }
        .status { display: inline-flex; gap: .3rem; align-items: center; white-space: nowrap; font-weight: 600; }
        .status-icon { display: inline-block; width: 1.3em; height: 1.3em; line-height: 1.3em; text-align: center; border-radius: 50%; color: #fff; background: var(--grey); font-size: .8rem; }
        .status-blue .status-icon { background: var(--ok); } .status-red .status-icon { background: var(--red-text); } .status-yellow .status-icon { background: var(--orange-text); }
        .status-blue { color: var(--ok); } .status-red { color: var(--red-text); } .status-yellow { color: var(--orange-text); } .status-aborted, .status-notbuilt, .status-disabled { color: var(--grey); }
        .status .progress { font-weight: 400; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        pre.console { background: #15171a; color: #e6e6e6; padding: .8rem; border-radius: 6px; overflow: auto; max-height: 70vh; white-space: pre-wrap; }
        [hidden] { display: none !important; }
        """;
}
