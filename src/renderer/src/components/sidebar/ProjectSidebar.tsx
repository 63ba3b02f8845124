import { useState } from 'react';
import type { ProjectSummary, ServiceCounts } from '../../../../shared/projects';
import { ConfirmDialog } from '../Modal';
import { AddProjectForm } from './AddProjectForm';
import { folderLabels } from './folder-labels';
import './sidebar.css';

/** "2/3 running, 1 healthy, 1 unhealthy": a project's services in a few words. */
export function healthSummary(counts: ServiceCounts): string {
  if (counts.total === 0) return 'no services';
  const parts = [`${counts.running}/${counts.total} running`];
  if (counts.healthy > 0) parts.push(`${counts.healthy} healthy`);
  if (counts.starting > 0) parts.push(`${counts.starting} starting`);
  if (counts.unhealthy > 0) parts.push(`${counts.unhealthy} unhealthy`);
  if (counts.exited > 0) parts.push(`${counts.exited} crashed`);
  if (counts.completed > 0) parts.push(`${counts.completed} completed`);
  return parts.join(', ');
}

/** Every project with its state, health and drift; adding and removing them. */
export function ProjectSidebar({
  projects,
  selected,
  onSelect,
  onAdd,
  onRemove,
}: {
  projects: readonly ProjectSummary[];
  selected: string | null;
  onSelect: (id: string) => void;
  onAdd: (directory: string) => Promise<unknown>;
  onRemove: (id: string) => Promise<void>;
}) {
  const [removing, setRemoving] = useState<ProjectSummary | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const folders = folderLabels(projects);

  return (
    <nav className="sidebar" aria-label="Projects">
      <h2 className="sidebar-title">Projects</h2>
      {projects.length > 0 && (
        <ul className="project-list">
          {projects.map((project) => (
            <li key={project.id}>
              <ProjectItem
                project={project}
                folder={folders.get(project.id) ?? null}
                selected={project.id === selected}
                onSelect={() => onSelect(project.id)}
                onRemove={() => {
                  setRemoveError(null);
                  setRemoving(project);
                }}
              />
            </li>
          ))}
        </ul>
      )}
      {removeError !== null && (
        <p role="alert" className="field-error">
          {removeError}
        </p>
      )}
      <AddProjectForm onAdd={onAdd} />
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.name} from Parity?`}
          confirmLabel="Remove"
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            const id = removing.id;
            setRemoving(null);
            onRemove(id).catch((error: unknown) =>
              setRemoveError(error instanceof Error ? error.message : String(error)),
            );
          }}
        >
          <p>
            Parity forgets the folder <code>{removing.id}</code>. Its containers and volumes are
            untouched: running services keep running and their data stays. You can add the folder
            again at any time.
          </p>
        </ConfirmDialog>
      )}
    </nav>
  );
}

function ProjectItem({
  project,
  folder,
  selected,
  onSelect,
  onRemove,
}: {
  project: ProjectSummary;
  /** Shown when another project has the same name. */
  folder: string | null;
  selected: boolean;
  onSelect: () => void;
  onRemove: () => void;
}) {
  const errors = project.problems.filter((p) => p.severity === 'error');
  const missing = project.state === 'missing';
  return (
    <div className={`project-item${selected ? ' selected' : ''}`}>
      <button
        type="button"
        className="project-select"
        aria-current={selected ? 'page' : undefined}
        title={project.id}
        onClick={onSelect}
      >
        <span className="project-line">
          <span className="project-name">{project.name}</span>
          <span className={`badge project-state state-${project.state}`}>{project.state}</span>
        </span>
        {folder !== null && <span className="project-folder mono">{folder}</span>}
        {!missing && <span className="project-health">{healthSummary(project.services)}</span>}
        {project.driftPending === true && (
          <span className="project-drift pending" title="Comparing with production">
            checking…
          </span>
        )}
        {project.driftCount !== null && (
          <span className={`project-drift${project.driftCount > 0 ? ' has-drift' : ''}`}>
            {project.driftCount === 1 ? '1 drift' : `${project.driftCount} drifts`}
          </span>
        )}
        {errors.length > 0 && <span className="project-problem">{errors[0]?.message}</span>}
      </button>
      <button
        type="button"
        className="icon-button project-remove"
        aria-label={`Remove ${project.name}`}
        title={`Remove ${project.name} from Parity`}
        onClick={onRemove}
      >
        ×
      </button>
      {missing && (
        <button type="button" className="project-forget" onClick={onRemove}>
          Remove from Parity
        </button>
      )}
    </div>
  );
}
