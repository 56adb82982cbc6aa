// One spelling of a gRPC method for both ends: `Service/Method`, the method as the proto declares it (PascalCase), while
// ts-proto handlers and generated clients use camelCase.
export function grpcPattern(service: string, method: string): string {
  return `${service}/${method.charAt(0).toUpperCase()}${method.slice(1)}`;
}
