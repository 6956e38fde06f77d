// OpenAPI (and Swagger 2) definitions in Swagger UI. "Try it out" is off: the definition comes from a
// catalog file, and the portal should not send requests to whatever servers it names.
import SwaggerUI from 'swagger-ui-react';
import 'swagger-ui-react/swagger-ui.css';

export function OpenApiViewer({ text }: { text: string }) {
  return (
    <div className="api-viewer api-viewer--openapi" data-viewer="openapi">
      <SwaggerUI spec={text} supportedSubmitMethods={[]} docExpansion="list" defaultModelsExpandDepth={0} />
    </div>
  );
}
