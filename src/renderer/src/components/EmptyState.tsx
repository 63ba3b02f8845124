/** What the main area says before there is any project: how to start. */
export function NoProjects() {
  return (
    <section className="empty" aria-label="No projects">
      <h2>No projects yet</h2>
      <p>Parity runs a project&apos;s Docker Compose stack from its folder and shows its drift.</p>
      <ol>
        <li>
          Type the path of a folder that holds a <code>compose.yaml</code> in{' '}
          <strong>Project folder</strong> on the left and press <strong>Add</strong>. The
          repository&apos;s <code>examples/shop</code> is one to try.
        </li>
        <li>
          Or start Parity on a folder: <code>parity serve ~/src/my-app</code>.
        </li>
      </ol>
      <p>Then select the project and press Start.</p>
    </section>
  );
}
