// GraphQL SDL read with graphql's own parser and printed back by its printer (so what is shown is what
// a GraphQL server would read), highlighted; a document that does not parse is shown with where.
import { parse, print } from 'graphql';
import { CodeViewer } from './code-viewer.tsx';

export function GraphqlViewer({ text }: { text: string }) {
  let printed: string;
  try {
    printed = print(parse(text));
  } catch (error) {
    return (
      <>
        <p className="problem" role="alert">
          This is not valid GraphQL: {error instanceof Error ? error.message : String(error)}
        </p>
        <CodeViewer text={text} language="graphql" />
      </>
    );
  }
  return <CodeViewer text={printed} language="graphql" />;
}
