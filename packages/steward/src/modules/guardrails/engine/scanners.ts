// The scanner with every analyser Steward has: Kubernetes YAML, Dockerfiles and Terraform, each with
// its rules and its own parse and checks.
import { dockerfileAnalyser } from './dockerfile/analyser.ts';
import { kubernetesAnalyser } from './kubernetes/analyser.ts';
import { createScanner } from './scan.ts';
import { terraformAnalyser } from './terraform/analyser.ts';

export const scanner = createScanner([kubernetesAnalyser, dockerfileAnalyser, terraformAnalyser]);
